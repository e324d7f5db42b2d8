using System.Text.Json.Serialization;

namespace ReviewBot.Core.Ranking.RewardPairs;

/// <summary>The <c>reward-pairs</c> wire format: camelCase, lower-case enum names, one compact object per line.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    WriteIndented = false)]
[JsonSerializable(typeof(RewardPair))]
internal sealed partial class RewardPairsJsonContext : JsonSerializerContext;
