using System.Text;
using System.Text.Json;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Tests.Security;

namespace ReviewBot.Llm.Tests;

/// <summary>One prompt-injection case from <c>TestData/Injection/cases.json</c>.</summary>
public sealed record InjectionCase
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public string? Body { get; init; }

    public required IReadOnlyList<InjectionFile> Files { get; init; }

    /// <summary>Phrases of the injection that must only ever appear inside data fences.</summary>
    public required IReadOnlyList<string> Needles { get; init; }

    /// <summary>The added line carrying the injection, when it is in code (an obedient model may quote it).</summary>
    public string? InjectedLine { get; init; }

    public override string ToString() => Name;
}

public sealed record InjectionFile(string Path, IReadOnlyList<string> Lines);

internal static class InjectionCorpus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Secrets planted in every case's change, built at run time; the API key ReviewBot itself uses is one of them.</summary>
    public static readonly string[] PlantedSecrets = [FakeSecrets.GitHubToken(90), FakeSecrets.AwsAccessKey(91), FakeSecrets.StripeKey(92), LlmHarness.ApiKey];

    public static IReadOnlyList<InjectionCase> Load() =>
        JsonSerializer.Deserialize<List<InjectionCase>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Injection", "cases.json")), Json)!;

    public static ChangeContext Context(InjectionCase injection)
    {
        var files = injection.Files.Append(new InjectionFile("config/app.env",
        [
            "GITHUB_TOKEN=" + PlantedSecrets[0],
            "AWS_ACCESS_KEY_ID=" + PlantedSecrets[1],
            "STRIPE=" + PlantedSecrets[2],
            "OPENAI_API_KEY=" + PlantedSecrets[3],
        ]));
        var patch = new StringBuilder();
        foreach (var file in files)
        {
            patch.Append("diff --git a/").Append(file.Path).Append(" b/").Append(file.Path).Append('\n')
                .Append("new file mode 100644\n--- /dev/null\n+++ b/").Append(file.Path).Append('\n')
                .Append("@@ -0,0 +1,").Append(file.Lines.Count).Append(" @@\n");
            foreach (var line in file.Lines)
            {
                patch.Append('+').Append(line).Append('\n');
            }
        }

        var parsed = UnifiedDiffParser.Parse(patch.ToString());
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return new ChangeContext
        {
            Diff = parsed.Diff!,
            PullRequest = new PullRequestInfo { Repository = "octo/shop", Number = 9, HeadSha = "def456", Title = injection.Title, Body = injection.Body },
        };
    }
}
