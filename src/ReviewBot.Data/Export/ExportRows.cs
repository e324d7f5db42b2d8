using System.Text.Json.Serialization;

namespace ReviewBot.Data.Export;

/// <summary>One chat message: <c>{"role","content"}</c>.</summary>
public sealed record ChatTurn(string Role, string Content);

/// <summary>A TRL preference row (conversational): the prompt messages, then one assistant message each.</summary>
public sealed record TrlPreferenceRow(IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Chosen, IReadOnlyList<ChatTurn> Rejected);

/// <summary>A TRL KTO row (conversational): prompt, one assistant message, and whether it is desirable.</summary>
public sealed record TrlKtoRow(IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Completion, bool Label);

/// <summary>OpenAI preference fine-tuning's <c>input</c>.</summary>
public sealed record OpenAiInput(IReadOnlyList<ChatTurn> Messages);

/// <summary>An OpenAI preference fine-tuning row.</summary>
public sealed record OpenAiPreferenceRow(OpenAiInput Input, IReadOnlyList<ChatTurn> PreferredOutput, IReadOnlyList<ChatTurn> NonPreferredOutput);

/// <summary>
/// The export wire format (TRL and OpenAI layouts): snake_case, compact, one object per line. The reward-pairs
/// format has its own context in Core, shared with the trainer.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(TrlPreferenceRow))]
[JsonSerializable(typeof(TrlKtoRow))]
[JsonSerializable(typeof(OpenAiPreferenceRow))]
public sealed partial class ExportJsonContext : JsonSerializerContext;
