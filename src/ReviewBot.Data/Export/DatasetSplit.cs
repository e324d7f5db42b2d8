using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.Data.Export;

/// <summary>
/// Train/test split by pull request: a pull request is in the test split when the seeded SHA-256 of
/// <c>owner/name#number</c>, read as a number in [0, 1), is below the test fraction. Every row of a pull request
/// lands in the same split, and the same seed always gives the same split.
/// </summary>
public static class DatasetSplit
{
    public static bool IsTest(string repository, int number, int seed, double testFraction)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{seed}\n{repository.ToLowerInvariant()}#{number}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var unit = (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
        return unit < testFraction;
    }
}
