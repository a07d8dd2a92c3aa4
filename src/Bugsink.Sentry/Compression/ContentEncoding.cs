namespace Bugsink.Sentry.Compression;

internal enum ContentEncoding
{
    Identity,
    Gzip,
    Deflate,
    Brotli,
    Zstd,
    Unsupported,
}

internal static class ContentEncodingNames
{
    // Relay strips an empty or "utf-8" Content-Encoding before decoding: sentry-ruby 5.x sends "" and
    // sentry.java.android 2.0.0 sends "UTF-8" (PROTOCOL.md §4.1).
    public static ContentEncoding Parse(string? value)
    {
        var name = value.AsSpan().Trim();
        if (name.IsEmpty
            || name.Equals("identity", StringComparison.OrdinalIgnoreCase)
            || name.Equals("none", StringComparison.OrdinalIgnoreCase)
            || name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return ContentEncoding.Identity;
        }

        if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            return ContentEncoding.Gzip;
        }

        if (name.Equals("deflate", StringComparison.OrdinalIgnoreCase))
        {
            return ContentEncoding.Deflate;
        }

        if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
        {
            return ContentEncoding.Brotli;
        }

        return name.Equals("zstd", StringComparison.OrdinalIgnoreCase) ? ContentEncoding.Zstd : ContentEncoding.Unsupported;
    }

    public static string Describe(ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.Gzip => "gzip",
        ContentEncoding.Deflate => "deflate",
        ContentEncoding.Brotli => "brotli",
        ContentEncoding.Zstd => "zstd",
        _ => "identity",
    };
}
