using System.Text;
using System.Text.Json;

namespace Bugsink.Sentry.Envelopes;

// Item type names from Relay's ItemType parser (PROTOCOL.md §5.6). Anything else is kept as an opaque item.
public static class ItemTypes
{
    public const string Event = "event";
    public const string Transaction = "transaction";
    public const string Attachment = "attachment";
    public const string Session = "session";
    public const string Sessions = "sessions";
    public const string ClientReport = "client_report";
    public const string UserReport = "user_report";
    public const string Feedback = "feedback";
    public const string CheckIn = "check_in";
    public const string Profile = "profile";
    public const string ProfileChunk = "profile_chunk";
    public const string ReplayEvent = "replay_event";
    public const string ReplayRecording = "replay_recording";
    public const string ReplayVideo = "replay_video";
    public const string Log = "log";
    public const string Span = "span";
    public const string TraceMetric = "trace_metric";
    public const string Statsd = "statsd";
    public const string MetricBuckets = "metric_buckets";
    public const string Security = "security";
    public const string FormData = "form_data";

    // Reusing these instances spares one string allocation per item on the hot path.
    private static readonly string[] s_known =
    [
        Event, Attachment, ClientReport, Transaction, Session, Sessions, UserReport, Feedback, CheckIn, Profile,
        ProfileChunk, ReplayEvent, ReplayRecording, ReplayVideo, Log, Span, TraceMetric, Statsd, MetricBuckets,
        Security, FormData,
    ];

    // Items limited by EnvelopeLimits.MaxEventBytes, as Relay's max_event_size.
    public static bool IsEventLike(string type) =>
        type is Event or Transaction or Feedback or ReplayEvent or Security or FormData;

    // Relay allows at most one of these per envelope and answers 413 otherwise.
    public static bool IsSingleEvent(string type) => type is Event or Transaction or Feedback;

    // Items counted against the attachment limits; Relay counts user_report there too.
    public static bool IsAttachmentLike(string type) => type is Attachment or UserReport;

    private static readonly byte[][] s_knownUtf8 = Array.ConvertAll(s_known, Encoding.UTF8.GetBytes);

    internal static string ReadName(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < s_knownUtf8.Length; i++)
        {
            if (reader.ValueTextEquals(s_knownUtf8[i]))
            {
                return s_known[i];
            }
        }

        return reader.GetString()!;
    }
}
