using ReviewBot.GitHub.Publishing;

namespace ReviewBot.GitHub.Tests.Publishing;

public sealed class ReviewMarkersTests
{
    [Fact]
    public void Review_RoundTrips_HeadFromBody()
    {
        var body = "Summary text\n\n" + ReviewMarkers.Review("0123456789abcdef0123456789abcdef01234567", "42");

        Assert.Equal("0123456789abcdef0123456789abcdef01234567", ReviewMarkers.ReviewedHead(body));
        Assert.Null(ReviewMarkers.ReviewedHead("no marker here"));
        Assert.False(ReviewMarkers.IsProbe(body));
        Assert.True(ReviewMarkers.IsProbe(ReviewMarkers.Probe("abcdef0")));
    }

    [Fact]
    public void Fingerprint_RoundTrips_AndHostileValuesCannotCloseTheComment()
    {
        Assert.Equal("a1b2c3", ReviewMarkers.FingerprintOf("text\n\n" + ReviewMarkers.Fingerprint("a1b2c3")));
        Assert.DoesNotContain("-->", ReviewMarkers.Review("abcdef0", "x --> <script>")[..^4], StringComparison.Ordinal);
        Assert.Null(ReviewMarkers.FingerprintOf("<!-- reviewbot:fp= -->"));
    }
}
