using ReviewBot.Ranking.Features;

namespace ReviewBot.Ranking.Tests.Features;

public sealed class StableHashTests
{
    [Fact]
    public void Of_KnownInputs_PinnedValues()
    {
        // FNV-1a 64 over the seed's 8 little-endian bytes then the UTF-8 text, computed independently of this code.
        // Pinned so hashed feature buckets never move silently: a change here needs a new feature schema version.
        Assert.Equal(0xA8C7F832281A39C5UL, StableHash.Of(0, ""));
        Assert.Equal(0xE70607F1C09C5878UL, StableHash.Of(7, "bug"));
        Assert.NotEqual(StableHash.Of(0, "bug"), StableHash.Of(1, "bug"));
    }

    [Fact]
    public void Append_LowerCase_MatchesLowerCasedText()
    {
        var mixed = new StableHash(7);
        mixed.Append("NullReference", lowerCase: true);
        var lower = new StableHash(7);
        lower.Append("nullreference");

        Assert.Equal(lower.Value, mixed.Value);
    }

    [Fact]
    public void Append_NonAscii_HashesUtf8BytesLowerCased()
    {
        // "GRÖßE" lower-cased is "größe" (UTF-8 67 72 C3 B6 C3 9F 65); the value was computed independently of this code.
        var hash = new StableHash(0);
        hash.Append("GRÖßE", lowerCase: true);

        Assert.Equal(StableHash.Of(0, "größe"), hash.Value);
        Assert.Equal(0xF64DFD1BF0AC753AUL, StableHash.Of(0, "größe"));
    }

    [Fact]
    public void Bucket_AlwaysInRange()
    {
        for (var i = 0; i < 1000; i++)
        {
            var hash = new StableHash((ulong)i);
            hash.Append("token" + i);
            Assert.InRange(hash.Bucket(384), 0, 383);
        }
    }
}
