namespace Bugsink.Benchmarks.Digest;

// One look at the server: seconds since the measured load began, events the client saw acknowledged by
// then, and from the inbox itself: events digested so far and events still waiting (committed, not digested).
public readonly record struct LagSample(double Seconds, long Acknowledged, long Digested, long Waiting);
