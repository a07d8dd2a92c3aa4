using Bugsink.Sentry.Envelopes;
using Bugsink.Web.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.Ingest;

// Attachments larger than this are streamed from the request into a file in the data folder (same disk as
// the inbox, never RAM-backed /tmp) and from there into the inbox in chunks, never held as one buffer.
// Files left by a process that died mid-request are removed when the next one starts.
public sealed class IngestSpool
{
    public const long InMemoryLimit = 256 * 1024;

    public IngestSpool(IOptions<SiteOptions> site)
    {
        Directory = Path.Combine(site.Value.DataDir, "spool");
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, "*.spool"))
        {
            File.Delete(leftover);
        }

        Spooling = new EnvelopeSpooling(Directory, InMemoryLimit);
    }

    public string Directory { get; }

    public EnvelopeSpooling Spooling { get; }
}
