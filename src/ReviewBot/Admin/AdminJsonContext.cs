using System.Text.Json.Serialization;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Admin;

/// <summary>A short answer from an admin endpoint.</summary>
public sealed record AdminMessage(string Message);

/// <summary>The admin endpoints' JSON.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RewardModelReloadResult))]
[JsonSerializable(typeof(AdminMessage))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
