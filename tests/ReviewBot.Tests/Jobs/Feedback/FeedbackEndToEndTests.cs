using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ReviewBot.Cli;
using ReviewBot.Core.Storage;
using ReviewBot.Data.Export;
using ReviewBot.Data.Feedback;
using ReviewBot.Jobs.Feedback;
using ReviewBot.Ranking.Scoring;
using ReviewBot.Ranking.Training;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs.Feedback;

/// <summary>
/// A review posted through the real host on the GitHub simulator, then maintainers react, reply and resolve; the
/// poller collects what no webhook reports, and every export format is written, checked against its schema,
/// searched for a planted secret, and the reward pairs are trained on.
/// </summary>
public sealed class FeedbackEndToEndTests
{
    private const string Token = "simulated-personal-token";
    private const string BotLogin = "reviewbot-user";
    private const string Owner = "Codertocat";

    /// <summary>A token-shaped value built at run time, so no secret-like literal sits in the repository.</summary>
    private static readonly string PlantedSecret = "ghp_" + string.Concat(Enumerable.Range(0, 36).Select(static i => (char)('A' + ((i * 11) % 26))));

    [Fact]
    public async Task Feedback_ReactionsRepliesAndResolution_PolledThenExportedInEveryFormat()
    {
        await using var github = new GitHubSimulator();
        await github.StartAsync();
        github.AddPersonalToken(Token, BotLogin);
        Seed(github);
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["GitHub:ApiBaseUrl"] = github.BaseAddress.ToString(),
            ["GitHub:Token"] = Token,
            ["GitHub:BotLogin"] = BotLogin,
            ["GitHub:MinWriteInterval"] = "00:00:00.050",
            ["Ranking:MaxComments"] = "10",
            // The scenario needs every finding posted, whatever the shipped reward model prefers at λ = 0.
            ["Ranking:LengthModifier"] = "10",
            ["Feedback:PollEnabled"] = "false",
        };
        await using var app = new ReviewBotAppFactory(data.Path, ServeRole.All, settings);
        using var client = app.CreateClient();

        using (var opened = await client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request")))
        {
            Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
        }

        await Eventually.GetAsync(
            async () => await app.Services.GetRequiredService<IReviewStore>().ListForHeadAsync(PullRequestFixture.Repository, PullRequestFixture.Number, PullRequestFixture.HeadSha, CancellationToken.None),
            static runs => runs is [{ Status: ReviewRunStatus.Posted }],
            what: "the review to be posted");
        var posted = github.GetReviews(PullRequestFixture.Repository, PullRequestFixture.Number).Single().Comments.OrderBy(static c => c.Id).ToList();
        Assert.True(posted.Count >= 4, $"the seeded change should draw at least 4 comments, got {posted.Count}");
        var (liked, disliked, flipped, resolved) = (posted[0].Id, posted[1].Id, posted[2].Id, posted[3].Id);

        // What maintainers do. Reactions have no webhook: only the poller sees them.
        github.SetAuthorAssociation("contrib", "CONTRIBUTOR");
        github.SetAuthorAssociation("flipper", "MEMBER");
        github.AddReaction(liked, "+1", Owner);
        github.AddReaction(liked, "+1", BotLogin);
        github.AddReaction(disliked, "-1", "contrib");
        var contribReply = github.AddReply(disliked, $"This is wrong, count is checked above. (Also, rotate {PlantedSecret}.)", "contrib");
        github.AddReply(flipped, "Let me think about it.", "flipper");
        github.AddReaction(flipped, "+1", "flipper");
        github.AddReaction(flipped, "-1", "flipper");
        await SendAsync(client, "pull_request_review_comment", FeedbackDeliveries.Reply("created", contribReply, disliked, "contrib", "CONTRIBUTOR", $"This is wrong, count is checked above. (Also, rotate {PlantedSecret}.)"));
        await SendAsync(client, "pull_request_review_comment", FeedbackDeliveries.Reply("created", 990_001, resolved, Owner, "OWNER", "Good catch, fixed."));
        await SendAsync(client, "pull_request_review_comment", FeedbackDeliveries.Reply("created", 990_002, resolved, BotLogin, "NONE", "Thanks!"));
        await SendAsync(client, "pull_request_review_thread", FeedbackDeliveries.Thread("resolved", resolved, Owner));

        var poller = app.Services.GetRequiredService<FeedbackPoller>();
        github.ClearRequests();
        var first = await poller.RunPassAsync(null, CancellationToken.None);
        var firstRequests = github.Requests;
        github.ClearRequests();
        var second = await poller.RunPassAsync(null, CancellationToken.None);
        var secondRequests = github.Requests;

        Assert.False(first.RateLimited);
        Assert.Contains(firstRequests, static r => r.Path.EndsWith("/pulls/2/comments", StringComparison.Ordinal) && r.Status == 200);
        Assert.Equal(3, firstRequests.Count(static r => r.Path.EndsWith("/reactions", StringComparison.Ordinal)));
        Assert.NotEmpty(secondRequests);
        Assert.All(secondRequests, static r => Assert.True(r.Status == 304 && r.IfNoneMatch is { Length: > 0 }, $"{r.Method} {r.Path} answered {r.Status}"));
        Assert.Equal(0, second.Events);
        Assert.Empty(github.UnexpectedRequests);

        var events = await app.Services.GetRequiredService<FeedbackStore>().ListEventsAsync(PullRequestFixture.Repository, PullRequestFixture.Number, CancellationToken.None);
        Assert.DoesNotContain(events, static e => string.Equals(e.Actor, BotLogin, StringComparison.OrdinalIgnoreCase));
        Assert.Single(events, e => e.Kind == FeedbackEventKind.ReplyCreated && e.SourceId == contribReply);
        Assert.Single(events, e => e.Kind == FeedbackEventKind.ThreadResolved && e.CommentId == resolved && e.Actor == Owner);
        Assert.Equal(2, events.Count(e => e.Kind == FeedbackEventKind.ReactionAdded && e.CommentId == flipped));

        var exported = new Dictionary<ExportFormat, List<JsonNode>>();
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            exported[format] = await ExportAsync(data.Path, format);
        }

        // liked (👍 owner, +1) and resolved (owner: "good catch, fixed") beat disliked (👎 contributor) and flipped (member's later 👎).
        Assert.Equal(4, exported[ExportFormat.TrlPreference].Count);
        Assert.Equal(4, exported[ExportFormat.OpenAiPreference].Count);
        Assert.Equal(4, exported[ExportFormat.RewardPairs].Count);
        var kto = exported[ExportFormat.TrlKto];
        Assert.Equal(2, kto.Count(static r => r["label"]!.GetValue<bool>()));
        Assert.Equal(2, kto.Count(static r => !r["label"]!.GetValue<bool>()));
        var ids = exported[ExportFormat.RewardPairs].Select(static r => r["id"]!.GetValue<string>()[(r["id"]!.GetValue<string>().LastIndexOf('/') + 1)..]).Order().ToList();
        Assert.Equal(new[] { $"{liked}>{disliked}", $"{liked}>{flipped}", $"{resolved}>{disliked}", $"{resolved}>{flipped}" }.Order(), ids);

        var model = new FileInfo(Path.Combine(data.Path, "rm", "feedback.onnx"));
        var trained = await RmCommand.TrainAsync(new FileInfo(Path.Combine(data.Path, "export-reward-pairs", "train.jsonl")), model, new RewardModelTrainingOptions { Epochs = 20 }, TextWriter.Null, TextWriter.Null, CancellationToken.None);
        Assert.Equal(0, trained);
        using var loaded = OnnxRewardModel.Load(model.FullName).GetModelOrThrow();
        Assert.StartsWith("onnx:", loaded.Version, StringComparison.Ordinal);
    }

    private static async Task<List<JsonNode>> ExportAsync(string dataDirectory, ExportFormat format)
    {
        var name = ExportFormats.Name(format);
        var output = Path.Combine(dataDirectory, "export-" + name);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["GitHub:BotLogin"] = BotLogin,
        }).Build();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ExportCommand.RunAsync(configuration, new DatasetExportRequest { Format = format, OutputDirectory = output, TestFraction = 0 }, stdout, stderr, CancellationToken.None);

        Assert.True(exit == 0, stderr.ToString());
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "ReviewBot.Data", "Export", "Schemas", name + ".schema.json")))!.AsObject();
        var rows = new List<JsonNode>();
        foreach (var file in Directory.GetFiles(output))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain(PlantedSecret, text, StringComparison.Ordinal);
            if (file.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var row = JsonNode.Parse(line)!;
                    Assert.Empty(JsonSchemaSubset.Validate(row, schema));
                    rows.Add(row);
                }
            }
        }

        var card = await File.ReadAllTextAsync(Path.Combine(output, "README.md"));
        Assert.Contains("\"github-token\": ", card, StringComparison.Ordinal);
        Assert.Contains($"num_examples: {rows.Count}", card, StringComparison.Ordinal);
        return rows;
    }

    private static async Task SendAsync(HttpClient client, string eventName, byte[] body)
    {
        using var response = await client.SendAsync(SignedDelivery.Create(body, eventName));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The recorded pull request, with the planted secret in its description and in a new file of its change.</summary>
    private static void Seed(GitHubSimulator github)
    {
        var secretFile = $"diff --git a/src/Deploy/Settings.cs b/src/Deploy/Settings.cs\nnew file mode 100644\n--- /dev/null\n+++ b/src/Deploy/Settings.cs\n@@ -0,0 +1,4 @@\n+namespace Deploy;\n+\n+public static class Settings\n+{{ public const string GitHubToken = \"{PlantedSecret}\"; }}\n";
        github.AddPullRequest(new SimulatedPullRequest
        {
            Repository = PullRequestFixture.Repository,
            Number = PullRequestFixture.Number,
            HeadSha = PullRequestFixture.HeadSha,
            Patch = File.ReadAllText(RepositoryPaths.SamplePatch) + secretFile.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal),
            Title = "Reserve stock, export, catalogue",
            Body = $"Deploys with {PlantedSecret} until the vault is ready.",
            Author = Owner,
        });
    }
}
