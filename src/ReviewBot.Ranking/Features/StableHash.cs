using System.Text;

namespace ReviewBot.Ranking.Features;

/// <summary>
/// 64-bit FNV-1a over UTF-8 bytes, seeded by hashing the seed's 8 little-endian bytes first. Stable across processes,
/// machines and .NET versions (unlike <see cref="string.GetHashCode()"/>), so feature buckets never move.
/// </summary>
public struct StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private ulong _value;

    public StableHash(ulong seed)
    {
        _value = OffsetBasis;
        for (var i = 0; i < 8; i++)
        {
            AppendByte((byte)(seed >> (8 * i)));
        }
    }

    public readonly ulong Value => _value;

    public static ulong Of(ulong seed, string text)
    {
        var hash = new StableHash(seed);
        hash.Append(text);
        return hash.Value;
    }

    public void AppendByte(byte value)
    {
        _value ^= value;
        _value *= Prime;
    }

    /// <summary>Appends the UTF-8 bytes of <paramref name="text"/>.</summary>
    public void Append(ReadOnlySpan<char> text) => Append(text, lowerCase: false);

    /// <summary>Appends the UTF-8 bytes of <paramref name="text"/>, optionally lower-cased (invariant) rune by rune.</summary>
    public void Append(ReadOnlySpan<char> text, bool lowerCase)
    {
        // ASCII (nearly all of code and review comments) is its own UTF-8; only the rest goes rune by rune.
        var ascii = 0;
        while (ascii < text.Length && text[ascii] < 0x80)
        {
            var c = text[ascii++];
            AppendByte((byte)(lowerCase && c is >= 'A' and <= 'Z' ? c | 0x20 : c));
        }

        if (ascii == text.Length)
        {
            return;
        }

        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text[ascii..].EnumerateRunes())
        {
            var r = lowerCase ? Rune.ToLowerInvariant(rune) : rune;
            var length = r.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                AppendByte(utf8[i]);
            }
        }
    }

    /// <summary>The bucket in [0, <paramref name="buckets"/>) this hash falls in.</summary>
    public readonly int Bucket(int buckets) => (int)(_value % (ulong)buckets);

    /// <summary>+1 or −1 from the top bit, for signed feature hashing (collisions cancel out on average).</summary>
    public readonly float Sign => (_value >> 63) == 0 ? 1f : -1f;
}
