using Bugsink.Sentry.Grouping;

namespace Bugsink.Sentry.Tests.Grouping;

public class MessageNormalizerTests
{
    [Theory]
    [InlineData("Connection to 10.0.0.12:5432 timed out after 3000ms (attempt 3)", "Connection to <ip>:<int> timed out after <duration> (attempt <int>)")]
    [InlineData("User 42 not found\n\nsecond line\nthird", "User <int> not found\nsecond line...")]
    [InlineData("Invalid id=\"abc\" flag=true at 2024-05-01T12:00:00Z for a@b.com", "Invalid id=<quoted_str> flag=<bool> at <date> for <email>")]
    public void ProtocolExamples_GiveListedOutput(string input, string expected)
    {
        Assert.Equal(expected, MessageNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("mail to john.doe+x@example.co.uk failed", "mail to <email> failed")]
    [InlineData("GET https://api.example.com/v1/users?id=5 failed", "GET <url> failed")]
    [InlineData("socket wss://live.example.org/feed closed", "socket <url> closed")]
    [InlineData("could not resolve db.example.com", "could not resolve <hostname>")]
    [InlineData("request from 192.168.1.20 refused", "request from <ip> refused")]
    [InlineData("bind to 2001:db8::1 failed", "bind to <ip> failed")]
    [InlineData("peer 2001:0db8:85a3:0000:0000:8a2e:0370:7334 gone", "peer <ip> gone")]
    [InlineData("order 3f2504e0-4f89-11d3-9a0c-0305e82c3301 missing", "order <uuid> missing")]
    [InlineData("commit da39a3ee5e6b4b0d3255bfef95601890afd80709 not found", "commit <sha1> not found")]
    [InlineData("blob d41d8cd98f00b204e9800998ecf8427e not found", "blob <md5> not found")]
    [InlineData("expired on 2024-05-01", "expired on <date>")]
    [InlineData("expired Mon, 02 Jan 2006 15:04:05 -0700 already", "expired <date> already")]
    [InlineData("sent Monday, 02-Jan-06 15:04:05 MST", "sent <date>")]
    [InlineData("since Mon Jan  2 15:04:05 2006", "since <date>")]
    [InlineData("due Jan 02, 2006", "due <date>")]
    [InlineData("closes at 3:04PM today", "closes at <date> today")]
    [InlineData("tick at 15:04:05", "tick at <date>")]
    [InlineData("got datetime.datetime(2024, 5, 1, 12, 0)", "got <date>")]
    [InlineData("query took 250ms", "query took <duration>")]
    [InlineData("query took 1.5s", "query took <duration>")]
    [InlineData("access violation at 0x7ffd4a2c", "access violation at <hex>")]
    [InlineData("ratio -0.75 too high", "ratio <float> too high")]
    [InlineData("offset -12 invalid", "offset <int> invalid")]
    [InlineData("lookup name='bob' failed", "lookup name=<quoted_str> failed")]
    [InlineData("flag enabled=False rejected", "flag enabled=<bool> rejected")]
    public void EachPlaceholder_ReplacesItsValue(string input, string expected)
    {
        Assert.Equal(expected, MessageNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("std::vector<int> is empty")]
    [InlineData("Foo::Bar::Baz failed")]
    [InlineData("user.name is required")]
    [InlineData("see README.md")]
    [InlineData("call v2 api with id42")]
    [InlineData("the word \"true\" is not a flag")]
    [InlineData("he said 'hello'")]
    [InlineData("KeyError: 'missing'")]
    public void TextWithoutValues_StaysTheSame(string input)
    {
        Assert.Equal(input, MessageNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("one line", "one line")]
    [InlineData("one line\n", "one line...")]
    [InlineData("a\nb", "a\nb")]
    [InlineData("a\nb\nc", "a\nb...")]
    [InlineData("a\r\nb", "a\nb...")]
    [InlineData("  \n a\n\tb", " a\n\tb...")]
    [InlineData("a\u2028b\u2028c", "a\nb...")]
    public void MultilineText_KeepsFirstTwoNonEmptyLines(string input, string expected)
    {
        Assert.Equal(expected, MessageNormalizer.Normalize(input));
    }

    [Fact]
    public void LongUnbrokenToken_FinishesQuickly()
    {
        var token = string.Concat(Enumerable.Repeat("aB3.", 2000));

        var normalized = MessageNormalizer.Normalize(token + "@" + token);

        Assert.NotEmpty(normalized);
    }
}
