using System.Text;
using Bugsink.Sentry.Events;

namespace Bugsink.Sentry.Tests.Events;

// Test tables write JSON with single quotes so [InlineData] rows stay readable; this swaps them back.
public static class EventJson
{
    public static byte[] Bytes(string singleQuotedJson) => Encoding.UTF8.GetBytes(singleQuotedJson.Replace('\'', '"'));

    public static EventData Parse(string singleQuotedJson) => EventData.Parse(Bytes(singleQuotedJson));
}
