using CsCheck;
using Bugsink.Web.Tests.Infrastructure;

namespace Bugsink.Web.Tests.Features.Hardening.Fuzz;

// One mutation: a kind and two numbers it reads its position, size or choice from. Kept as plain
// ints so CsCheck can shrink a failing case towards fewer, smaller mutations and print it.
public sealed record Mutation(int Kind, int A, int B);

// Credentials: the project's key, none, or a key nobody has.
public sealed record FuzzCase(int Seed, Mutation[] Mutations, int Encoding, int CorruptCompressedAt, int Credentials)
{
    public const int Kinds = 11;

    private static readonly string[] ItemTypes = ["event", "transaction", "attachment", "session", "sessions", "client_report", "user_report", "check_in", "nonsense", ""];

    private static readonly string[] Headers = ["", "{", "[]", "null", "{\"event_id\":\"zz\"}", "{\"dsn\":\"http://nobody@127.0.0.1/1\"}", "{\"sent_at\":\"not a date\"}", "{\"event_id\":\"" + new string('a', 9000) + "\"}"];

    public static Gen<FuzzCase> Generator(int seeds) =>
        from seed in Gen.Int[0, seeds - 1]
        from mutations in Gen.Select(Gen.Int[0, Kinds - 1], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], (k, a, b) => new Mutation(k, a, b)).Array[0, 3]
        from encoding in Gen.Int[0, BodyEncodings.All.Length]
        from corrupt in Gen.Int[-1, 4096]
        from credentials in Gen.Int[0, 9]
        select new FuzzCase(seed, mutations, encoding, corrupt, credentials);

    // The body on the wire and its Content-Encoding ("gzip" claimed over plain bytes included).
    public (byte[] Body, string? Encoding) Build(IReadOnlyList<FuzzEnvelope> seeds)
    {
        var envelope = seeds[Seed];
        foreach (var mutation in Mutations.Where(m => m.Kind >= 3))
        {
            envelope = Restructure(envelope, mutation);
        }

        var bytes = envelope.ToBytes();
        foreach (var mutation in Mutations.Where(m => m.Kind < 3))
        {
            bytes = Scramble(bytes, mutation);
        }

        if (Encoding == BodyEncodings.All.Length)
        {
            return (bytes, "gzip");
        }

        var name = BodyEncodings.All[Encoding];
        var encoded = BodyEncodings.Encode(bytes, name);
        if (name != "identity" && CorruptCompressedAt >= 0 && encoded.Length > 0)
        {
            encoded[CorruptCompressedAt % encoded.Length] ^= 0x5a;
        }

        return (encoded, name == "identity" ? null : name);
    }

    private static byte[] Scramble(byte[] bytes, Mutation m)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        switch (m.Kind)
        {
            case 0:
                bytes[m.A % bytes.Length] ^= (byte)(1 << (m.B % 8));
                return bytes;
            case 1:
                return bytes[..(m.A % bytes.Length)];
            default:
                var at = m.A % bytes.Length;
                var inserted = BitConverter.GetBytes(m.B).Concat(m.B % 3 == 0 ? "\n"u8.ToArray() : m.B % 3 == 1 ? "{\"\""u8.ToArray() : [0]).ToArray();
                return [.. bytes[..at], .. inserted, .. bytes[at..]];
        }
    }

    private static FuzzEnvelope Restructure(FuzzEnvelope envelope, Mutation m)
    {
        var items = envelope.Items.ToList();
        if (items.Count == 0)
        {
            return envelope with { Header = Headers[m.B % Headers.Length] };
        }

        var i = m.A % items.Count;
        switch (m.Kind)
        {
            case 3:
                // A declared length off by a little, hugely, or negative.
                long length = (m.B % 5) switch
                {
                    0 => long.MaxValue,
                    1 => -1,
                    2 => int.MaxValue,
                    _ => items[i].Payload.Length + (m.B % 41) - 20,
                };
                items[i] = items[i] with { Length = length, ExplicitLength = true };
                break;
            case 4:
                items.Insert(i, items[i]);
                break;
            case 5:
                (items[i], items[m.B % items.Count]) = (items[m.B % items.Count], items[i]);
                break;
            case 6:
                var depth = 50 + (m.B % 5000);
                var open = m.B % 2 == 0 ? "[" : "{\"a\":";
                var close = m.B % 2 == 0 ? "]" : "}";
                items[i] = items[i] with { Payload = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth))) };
                break;
            case 7:
                // Oversized: past the 1 MiB event limit one time in four, else a large but allowed body.
                var size = m.B % 4 == 0 ? (1024 * 1024) + (m.B % 1000) : 200_000;
                items[i] = items[i] with { Payload = System.Text.Encoding.UTF8.GetBytes("{\"message\":\"" + new string('x', size) + "\"}") };
                break;
            case 8:
                items[i] = items[i] with { Type = ItemTypes[m.B % ItemTypes.Length] };
                break;
            case 9:
                return envelope with { Header = Headers[m.B % Headers.Length], Items = items };
            default:
                items.RemoveAt(i);
                break;
        }

        return envelope with { Items = items };
    }
}
