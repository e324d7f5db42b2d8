using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Data.Reviews;

/// <summary>
/// The critic's input snapshot of a review, stored as Brotli-compressed JSON (diffs compress about tenfold) with the
/// SHA-256 of the uncompressed JSON, so an export can say exactly which input each row came from.
/// </summary>
public static class ReviewInputs
{
    /// <summary>The stored format: version 1 of <see cref="CriticInput"/> as camelCase JSON, Brotli-compressed.</summary>
    public const string Format = "critic-input/1+json+br";

    internal static async Task InsertAsync(DbConnection connection, DbTransaction transaction, long reviewId, CriticInput? input, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return;
        }

        var (data, raw, sha256) = Encode(input);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO review_inputs (review_id, format, sha256, raw_bytes, data) VALUES (@reviewId, @Format, @sha256, @raw, @data)
            ON CONFLICT (review_id) DO NOTHING
            """,
            new { reviewId, Format, sha256, raw = (long)raw, data },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public static (byte[] Data, int RawBytes, string Sha256) Encode(CriticInput input)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(input, StoreJsonContext.Default.CriticInput);
        using var buffer = new MemoryStream(json.Length / 4 + 64);
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(json);
        }

        return (buffer.ToArray(), json.Length, Convert.ToHexStringLower(SHA256.HashData(json)));
    }

    /// <summary>The snapshot, or null when <paramref name="format"/> is not one this version reads.</summary>
    public static CriticInput? Decode(string format, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!string.Equals(format, Format, StringComparison.Ordinal))
        {
            return null;
        }

        using var brotli = new BrotliStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(brotli, StoreJsonContext.Default.CriticInput);
    }
}
