using System.Collections.Concurrent;

namespace Bugsink.Web.Features.PayloadDictionaries;

// Every dictionary this process has loaded or trained, by id, for reading stored payloads anywhere
// (pages, API, digest, alerts) without passing a service around. Entries are immutable and
// content-addressed, so sharing them process-wide is safe.
public static class KnownDictionaries
{
    private static readonly ConcurrentDictionary<uint, PayloadDictionary> ById = [];

    public static void Register(PayloadDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        ById.TryAdd(dictionary.Id, dictionary);
    }

    public static bool TryGet(uint id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PayloadDictionary? dictionary) =>
        ById.TryGetValue(id, out dictionary);
}
