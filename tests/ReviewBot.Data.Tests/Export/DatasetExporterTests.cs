using System.Text.Json.Nodes;
using ReviewBot.Core.Ranking.RewardPairs;
using ReviewBot.Data.Export;
using ReviewBot.Data.Feedback;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Export;

public sealed class DatasetExporterTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("reviewbot-export-");

    public static TheoryData<StorageProvider, string> EnginesAndFormats()
    {
        var data = new TheoryData<StorageProvider, string>();
        foreach (var provider in new[] { StorageProvider.Sqlite, StorageProvider.Postgres })
        {
            foreach (var format in ExportFormats.Names)
            {
                data.Add(provider, format);
            }
        }

        return data;
    }

    public void Dispose() => _output.Delete(recursive: true);

    /// <summary>
    /// Pins the wire format of every layout: the export of a fixed history must equal the committed example, byte
    /// for byte, on both engines. Set REVIEWBOT_UPDATE_SNAPSHOTS=1 to rewrite the examples after a deliberate change.
    /// </summary>
    [Theory]
    [MemberData(nameof(EnginesAndFormats))]
    public async Task ExportAsync_FixedHistory_MatchesTheCommittedExample(StorageProvider provider, string formatName)
    {
        await using var seed = await SeedAsync(provider);
        var format = ExportFormats.Parse(formatName)!.Value;

        var summary = await ExportAsync(seed, format);

        var actual = $"# train\n{await File.ReadAllTextAsync(Path.Combine(_output.FullName, "train.jsonl"))}# test\n{await File.ReadAllTextAsync(Path.Combine(_output.FullName, "test.jsonl"))}";
        var expectedPath = Path.Combine(AppContext.BaseDirectory, "Export", "Expected", formatName + ".jsonl");
        if (Environment.GetEnvironmentVariable("REVIEWBOT_UPDATE_SNAPSHOTS") == "1" && provider == StorageProvider.Sqlite)
        {
            var source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Export", "Expected", formatName + ".jsonl");
            await File.WriteAllTextAsync(source, actual);
            await File.WriteAllTextAsync(expectedPath, actual);
        }

        Assert.Equal(await File.ReadAllTextAsync(expectedPath), actual);
        Assert.True(summary.Rows > 0);
        Assert.True(summary.TrainRows > 0 && summary.TestRows > 0, "the seed puts pull requests in both splits");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ExportAsync_PlantedSecret_NeverWrittenAndCountedInTheCard(StorageProvider provider)
    {
        await using var seed = await SeedAsync(provider);

        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            var summary = await ExportAsync(seed, format);

            foreach (var file in _output.GetFiles())
            {
                Assert.DoesNotContain(FeedbackSeed.PlantedToken, await File.ReadAllTextAsync(file.FullName), StringComparison.Ordinal);
            }

            Assert.True(summary.Redactions.Masked.GetValueOrDefault("github-token") > 0);
            Assert.Contains("\"github-token\": ", await File.ReadAllTextAsync(Path.Combine(_output.FullName, "README.md")), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ExportAsync_OptedOutAndExcludedRepositories_LeftOut(StorageProvider provider)
    {
        await using var seed = await SeedAsync(provider);

        var summary = await ExportAsync(seed, ExportFormat.RewardPairs);

        var groups = (await ReadPairsAsync()).Select(static p => p.Group).Distinct().ToList();
        Assert.Equal(["octo/alpha#1", "octo/alpha#2"], groups.Order());
        Assert.Equal(1, summary.ExcludedPullRequests);
        Assert.Equal(3, summary.PullRequestsRead);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ExportAsync_Labels_FollowTheRules(StorageProvider provider)
    {
        await using var seed = await SeedAsync(provider);

        var pairs = await ReadPairsAsync(await ExportAsync(seed, ExportFormat.RewardPairs));

        var ids = pairs.Select(static p => p.Id[(p.Id.LastIndexOf('/') + 1)..]).Order().ToList();
        Assert.Equal(["101>102", "101>103", "103>102", "201>202"], ids);
        Assert.Equal(1.5, pairs.Single(static p => p.Id.EndsWith("101>102", StringComparison.Ordinal)).Weight);
        Assert.All(pairs, static p => Assert.Null(RewardPairsFile.Validate(p)));
        Assert.All(pairs, static p => Assert.Equal(RewardPairSource.Feedback, p.Source));
    }

    [Fact]
    public async Task ExportAsync_SameSeedTwice_IdenticalFilesAndNoPullRequestInBothSplits()
    {
        await using var seed = await SeedAsync(StorageProvider.Sqlite);
        await ExportAsync(seed, ExportFormat.RewardPairs, testFraction: 0.5);
        var first = await File.ReadAllTextAsync(Path.Combine(_output.FullName, "train.jsonl")) + await File.ReadAllTextAsync(Path.Combine(_output.FullName, "test.jsonl"));

        await ExportAsync(seed, ExportFormat.RewardPairs, testFraction: 0.5);

        var train = RewardPairsFile.Read(new StreamReader(Path.Combine(_output.FullName, "train.jsonl"))).Pairs.Select(static p => p.Pair.Group).ToHashSet();
        var test = RewardPairsFile.Read(new StreamReader(Path.Combine(_output.FullName, "test.jsonl"))).Pairs.Select(static p => p.Pair.Group).ToHashSet();
        Assert.Empty(train.Intersect(test));
        Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(_output.FullName, "train.jsonl")) + await File.ReadAllTextAsync(Path.Combine(_output.FullName, "test.jsonl")));
    }

    [Fact]
    public async Task ExportAsync_Card_HasYamlHeaderWithSplitSizesAndProvenance()
    {
        await using var seed = await SeedAsync(StorageProvider.Sqlite);

        var summary = await ExportAsync(seed, ExportFormat.TrlPreference);

        var card = await File.ReadAllTextAsync(Path.Combine(_output.FullName, "README.md"));
        Assert.StartsWith("---\n", card, StringComparison.Ordinal);
        Assert.Contains($"    - name: train\n      num_examples: {summary.TrainRows}\n", card, StringComparison.Ordinal);
        Assert.Contains($"    - name: test\n      num_examples: {summary.TestRows}\n", card, StringComparison.Ordinal);
        Assert.Contains("reward_models: [\"heuristic:v1\"]", card, StringComparison.Ordinal);
        Assert.Contains("prompt_versions: [\"critic-v1\"]", card, StringComparison.Ordinal);
        Assert.Contains("license: other", card, StringComparison.Ordinal);
        Assert.Contains("label_rules:", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_TrlPreferenceRow_PromptIsTheCriticsChatAndCompletionsAreOneHighlightCritiques()
    {
        await using var seed = await SeedAsync(StorageProvider.Sqlite);
        await ExportAsync(seed, ExportFormat.TrlPreference, testFraction: 0);

        var row = JsonNode.Parse((await File.ReadAllLinesAsync(Path.Combine(_output.FullName, "train.jsonl")))[0])!;

        Assert.Equal(["system", "user"], row["prompt"]!.AsArray().Select(static m => m!["role"]!.GetValue<string>()));
        Assert.Contains("<<<DATA ", row["prompt"]![1]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var chosen = row["chosen"]![0]!["content"]!.GetValue<string>();
        Assert.StartsWith("```csharp src/Totals.cs:", chosen, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:github-token]", chosen, StringComparison.Ordinal);
        Assert.Equal("assistant", row["rejected"]![0]!["role"]!.GetValue<string>());
    }

    private async Task<ExportSummary> ExportAsync(FeedbackSeed seed, ExportFormat format, double testFraction = 0.5)
    {
        var exporter = new DatasetExporter(seed.Database, new FeedbackOptions(), new BotIdentity("reviewbot[bot]"), seed.Time);
        return await exporter.ExportAsync(
            new DatasetExportRequest
            {
                Format = format,
                OutputDirectory = _output.FullName,
                TestFraction = testFraction,
                Seed = 3,
                ExcludedRepositories = ["octo/GAMMA"],
            },
            null,
            CancellationToken.None);
    }

    private async Task<List<RewardPair>> ReadPairsAsync(ExportSummary? unused = null)
    {
        _ = unused;
        var pairs = new List<RewardPair>();
        foreach (var name in new[] { "train.jsonl", "test.jsonl" })
        {
            using var reader = new StreamReader(Path.Combine(_output.FullName, name));
            var read = RewardPairsFile.Read(reader);
            Assert.Empty(read.Errors);
            pairs.AddRange(read.Pairs.Select(static p => p.Pair));
        }

        return await Task.FromResult(pairs);
    }

    /// <summary>
    /// alpha#1 (merged): 101 👍 by the owner, 102 👎 by a contributor, 103 ignored. alpha#2 (open): 201 changed and
    /// resolved, 202 👎 and resolved without a change. beta#3 opted out; gamma#4 excluded by configuration.
    /// </summary>
    private static async Task<FeedbackSeed> SeedAsync(StorageProvider provider)
    {
        var seed = await FeedbackSeed.CreateAsync(provider);
        await seed.AddReviewAsync("octo/alpha", 1, 101, 102, 103);
        await seed.AddReviewAsync("octo/alpha", 2, 201, 202);
        await seed.AddReviewAsync("octo/beta", 3, 301, 302);
        await seed.AddReviewAsync("octo/gamma", 4, 401, 402);
        await seed.Events.SetTrainingOptOutAsync("octo/beta", optOut: true, CancellationToken.None);
        await seed.RecordAsync(
            FeedbackSeed.Reaction("octo/alpha", 1, 101, 9001, "+1", "octo", null),
            FeedbackSeed.Reaction("octo/alpha", 1, 101, 9002, "+1", "reviewbot[bot]", null),
            FeedbackSeed.Reaction("octo/alpha", 1, 102, 9003, "-1", "carol", "CONTRIBUTOR"),
            FeedbackSeed.Closed("octo/alpha", 1, merged: true),
            new FeedbackEvent { Key = FeedbackEvents.CodeChanged(201), Repository = "octo/alpha", PullNumber = 2, CommentId = 201, Kind = FeedbackEventKind.CodeChanged, HeadSha = "h2b", OccurredAt = FeedbackSeed.T0 },
            new FeedbackEvent { Key = "thread:A:resolved:d1", Repository = "octo/alpha", PullNumber = 2, CommentId = 201, Kind = FeedbackEventKind.ThreadResolved, Actor = "dave", AuthorAssociation = "MEMBER", OccurredAt = FeedbackSeed.T0.AddMinutes(1) },
            FeedbackSeed.Reaction("octo/alpha", 2, 202, 9004, "-1", "dave", "MEMBER"),
            new FeedbackEvent { Key = "thread:B:resolved:d2", Repository = "octo/alpha", PullNumber = 2, CommentId = 202, Kind = FeedbackEventKind.ThreadResolved, Actor = "dave", AuthorAssociation = "MEMBER", OccurredAt = FeedbackSeed.T0.AddMinutes(2) },
            FeedbackSeed.Reaction("octo/beta", 3, 301, 9005, "+1", "octo", "OWNER"),
            FeedbackSeed.Reaction("octo/beta", 3, 302, 9006, "-1", "octo", "OWNER"),
            FeedbackSeed.Reaction("octo/gamma", 4, 401, 9007, "+1", "octo", "OWNER"),
            FeedbackSeed.Reaction("octo/gamma", 4, 402, 9008, "-1", "octo", "OWNER"));
        return seed;
    }
}
