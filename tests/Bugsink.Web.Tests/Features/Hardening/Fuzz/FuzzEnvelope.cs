using System.Globalization;
using System.Text;

namespace Bugsink.Web.Tests.Features.Hardening.Fuzz;

public sealed record FuzzItem(string Type, byte[] Payload, string Extra = "", long? Length = null, bool ExplicitLength = true);

// An envelope as a structure the mutations can rearrange before it becomes bytes.
public sealed record FuzzEnvelope(string Header, IReadOnlyList<FuzzItem> Items)
{
    public byte[] ToBytes()
    {
        var output = new MemoryStream();
        Write(output, Header + "\n");
        foreach (var item in Items)
        {
            var length = item.ExplicitLength ? $",\"length\":{(item.Length ?? item.Payload.Length).ToString(CultureInfo.InvariantCulture)}" : "";
            Write(output, $"{{\"type\":\"{item.Type}\"{length}{item.Extra}}}\n");
            output.Write(item.Payload);
            Write(output, "\n");
        }

        return output.ToArray();
    }

    private static void Write(MemoryStream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}
