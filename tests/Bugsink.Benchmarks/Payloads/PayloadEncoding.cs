namespace Bugsink.Benchmarks.Payloads;

// How the body goes over the wire: gzip like the .NET SDK, or plain like the browser SDK.
public enum PayloadEncoding
{
    Gzip,
    None,
}
