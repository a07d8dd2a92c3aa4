namespace Bugsink.Benchmarks.Digest;

// One look at the server: seconds since the measured load began, events acknowledged by then, and
// events still waiting in the inbox (acknowledged but not digested).
public readonly record struct LagSample(double Seconds, long Acknowledged, long Waiting);
