using Bugsink.Web.Features.Issues.Workflow;

namespace Bugsink.Web.Tests.Features.Issues.Workflow;

public sealed class MuteSpecTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Durations_EndAtTheRightMoment()
    {
        Assert.Equal(Now.AddDays(1), MuteSpec.For(TimeSpan.FromDays(1), Now).Until);
        Assert.Equal(Now.AddDays(7), MuteSpec.For(TimeSpan.FromDays(7), Now).Until);
        // A calendar month: from 31 January to the end of February.
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero), MuteSpec.ForMonths(1, Now).Until);
        Assert.True(MuteSpec.Forever.IsForever);
    }

    [Theory]
    [InlineData(5, 3600, "until more than 5 events in 1 hour")]
    [InlineData(100, 86400, "until more than 100 events in 24 hours")]
    [InlineData(3, 600, "until more than 3 events in 10 minutes")]
    [InlineData(1, 45, "until more than 1 event in 45 seconds")]
    public void VolumeMutes_DescribeThemselves(int count, int seconds, string expected) =>
        Assert.Equal(expected, MuteSpec.UntilVolume(count, TimeSpan.FromSeconds(seconds)).Describe());

    [Fact]
    public void TimedMute_DescribesItsEnd() => Assert.Equal("until 2026-02-01 10:00 UTC", MuteSpec.For(TimeSpan.FromDays(1), Now).Describe());

    [Fact]
    public void InvalidSpecs_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new MuteSpec(Now.AddHours(-1), null, null).Validate(Now));
        Assert.Throws<ArgumentException>(() => new MuteSpec(null, 5, null).Validate(Now));
        Assert.Throws<ArgumentException>(() => new MuteSpec(null, null, TimeSpan.FromHours(1)).Validate(Now));
        Assert.Throws<ArgumentException>(() => MuteSpec.UntilVolume(-1, TimeSpan.FromHours(1)).Validate(Now));
        Assert.Throws<ArgumentException>(() => MuteSpec.UntilVolume(5, TimeSpan.Zero).Validate(Now));
        MuteSpec.UntilVolume(5, TimeSpan.FromHours(1)).Validate(Now);
        MuteSpec.Forever.Validate(Now);
    }
}
