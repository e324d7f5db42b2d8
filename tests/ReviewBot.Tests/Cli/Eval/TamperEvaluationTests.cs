using System.Text.Json;
using System.Xml.Linq;
using ReviewBot.Analysis.Tampering;
using ReviewBot.Cli;
using ReviewBot.Cli.Eval;
using ReviewBot.Core.Ranking.RewardPairs;
using ReviewBot.Simulators.OpenAi;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Cli.Eval;

public sealed class TamperEvaluationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TamperEvaluationTests()
    {
        Directory.CreateDirectory(SourceDirectory);
        File.WriteAllText(Path.Combine(SourceDirectory, "Inventory.cs"), InventorySource);
    }

    private string SourceDirectory => Path.Combine(_directory.Path, "source");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunAsync_OfflineWithSweep_ReportsConsistentFiguresChartAndPairs()
    {
        var output = new DirectoryInfo(Path.Combine(_directory.Path, "out"));
        var pairsFile = new FileInfo(Path.Combine(_directory.Path, "pairs.jsonl"));
        var request = new TamperEvalRequest
        {
            Source = new DirectoryInfo(SourceDirectory),
            Tampering = new TamperOptions { Count = 6, Controls = 2, Seed = 1, Kinds = [MutationKind.SelfAssignment, MutationKind.BoundaryFlip, MutationKind.DroppedAwait] },
            RewardModel = "heuristic",
            Sweep = true,
            Lambdas = [-1, 0, 1],
            Percentiles = [50],
            Format = ReviewFormat.Json,
            Out = output,
            EmitPairs = pairsFile,
            Parallelism = 2,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await TamperEvaluation.RunAsync(request, CliConfiguration.Build(), stdout, stderr, CancellationToken.None);

        Assert.True(exit == 0, stderr.ToString());
        using var report = JsonDocument.Parse(stdout.ToString());
        var root = report.RootElement;
        var overall = root.GetProperty("overall");
        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        var tampers = cases.Where(static c => c.TryGetProperty("kind", out _)).ToList();
        Assert.Equal(6, overall.GetProperty("tampers").GetInt32());
        Assert.Equal(2, overall.GetProperty("controls").GetInt32());
        Assert.Equal(8, cases.Count);
        Assert.Equal(tampers.Count(static c => c.GetProperty("caught").GetBoolean()) / 6.0, overall.GetProperty("cbi").GetDouble(), 9);
        Assert.Equal(cases.Count(static c => c.GetProperty("hallucinated").GetBoolean()) / 8.0, overall.GetProperty("hallucinationRate").GetDouble(), 9);
        Assert.True(tampers.Where(static c => c.GetProperty("kind").GetString() == "self-assignment").All(static c => c.GetProperty("caught").GetBoolean()), "self-assignments are what the offline critic flags surely");
        Assert.Equal("heuristic-v1", root.GetProperty("rewardModel").GetString());

        var sweep = root.GetProperty("sweep").EnumerateArray().ToList();
        Assert.Equal(8, sweep.Count);
        Assert.Equal(["fsbs", "best-of-n"], sweep.Select(static r => r.GetProperty("mode").GetString()).Distinct());

        Assert.True(File.Exists(Path.Combine(output.FullName, "report.md")));
        Assert.True(File.Exists(Path.Combine(output.FullName, "report.json")));
        Assert.Equal(8, Directory.GetFiles(Path.Combine(output.FullName, "patches"), "*.patch").Length);
        var chart = XDocument.Load(Path.Combine(output.FullName, "sweep.svg"));
        Assert.Equal(4, chart.Descendants().Count(static e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "series"));

        using var reader = new StreamReader(pairsFile.FullName);
        var pairs = RewardPairsFile.Read(reader);
        Assert.Empty(pairs.Errors);
        Assert.NotEmpty(pairs.Pairs);
        Assert.All(pairs.Pairs, static p => Assert.StartsWith("seed1/", p.Pair.Group, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SameSeedTwice_SameReportApartFromTiming()
    {
        var request = new TamperEvalRequest
        {
            Source = new DirectoryInfo(SourceDirectory),
            Tampering = new TamperOptions { Count = 3, Controls = 1, Seed = 4 },
            RewardModel = "heuristic",
            Format = ReviewFormat.Json,
            Parallelism = 2,
        };

        var first = await RunJsonAsync(request);
        var second = await RunJsonAsync(request);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task RunAsync_LlmCriticWithJudge_ReportsJudgedCbi()
    {
        // The simulator quotes each added line in turn; calling them bugs gets them past the noise budget.
        await using var server = await FakeOpenAiServer.StartAsync(static request =>
            request.Messages.Any(static m => m.Content.Contains("You grade code review comments", StringComparison.Ordinal))
                ? FakeOpenAiReply.Text("YES")
                : DeterministicCritic.Answer(request) is var reply ? reply with { Texts = [.. reply.Texts.Select(static t => t.Replace("[maintainability]", "[bug]", StringComparison.Ordinal))] } : null!);
        var configuration = CliConfiguration.Build(new Dictionary<string, string?>
        {
            ["Critic:Endpoint"] = server.BaseAddress.ToString(),
            ["Critic:Model"] = "fake-critic",
            ["Ranking:Rounds"] = "2",
        });
        var request = new TamperEvalRequest
        {
            Source = new DirectoryInfo(SourceDirectory),
            Tampering = new TamperOptions { Count = 2, Controls = 1, Seed = 2, Kinds = [MutationKind.BoundaryFlip, MutationKind.PlusMinus], HarmlessEditRate = 0 },
            Critic = EvalCritic.Llm,
            RewardModel = "heuristic",
            Format = ReviewFormat.Json,
            Parallelism = 1,
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await TamperEvaluation.RunAsync(request, configuration, stdout, stderr, CancellationToken.None);

        Assert.True(exit == 0, stderr.ToString());
        using var report = JsonDocument.Parse(stdout.ToString());
        var root = report.RootElement;
        Assert.Equal("judge-v1", root.GetProperty("judgePrompt").GetString());
        Assert.StartsWith("llm", root.GetProperty("critic").GetString(), StringComparison.Ordinal);
        var overall = root.GetProperty("overall");
        Assert.True(overall.GetProperty("cbi").GetDouble() > 0, "the simulator quotes every added line, so it quotes the bug");
        Assert.Equal(overall.GetProperty("cbi").GetDouble(), overall.GetProperty("judgedCbi").GetDouble(), 9);
        Assert.Contains(server.Requests, static r => r.Messages.Any(static m => m.Content.Contains(JudgeMarker, StringComparison.Ordinal)));
        Assert.Equal(0, server.UnexpectedRequests);
    }

    private const string JudgeMarker = "Does the comment identify the known bug?";

    private static async Task<string> RunJsonAsync(TamperEvalRequest request)
    {
        using var stdout = new StringWriter();
        Assert.Equal(0, await TamperEvaluation.RunAsync(request, CliConfiguration.Build(), stdout, TextWriter.Null, CancellationToken.None));
        using var report = JsonDocument.Parse(stdout.ToString());
        var copy = report.RootElement.EnumerateObject().Where(static p => p.Name != "timing").ToDictionary(static p => p.Name, static p => p.Value.GetRawText());
        return string.Join("\n", copy.Select(static p => $"{p.Key}={p.Value}"));
    }

    private const string InventorySource = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Sample;

        public sealed class Inventory
        {
            private readonly Dictionary<string, int> _stock = new(StringComparer.Ordinal);
            private int _reserved;
            private string _owner = "";

            public void SetOwner(string owner)
            {
                _owner = owner;
            }

            public void Rename(string owner)
            {
                var trimmed = owner.Trim();
                _owner = trimmed;
            }

            public int Reserve(string sku, int quantity)
            {
                var available = _stock.TryGetValue(sku, out var count) ? count : 0;
                var taken = Math.Min(quantity, available);
                _stock[sku] = available - taken;
                _reserved += taken;
                return taken;
            }

            public int Total(int[] levels)
            {
                var total = 0;
                for (var i = 0; i < levels.Length; i++)
                {
                    total += levels[i];
                }

                return total;
            }

            public async Task SaveAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken)
            {
                await write(cancellationToken).ConfigureAwait(false);
                _reserved = 0;
            }

            public async Task FlushAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                await write(cancellationToken).ConfigureAwait(false);
            }

            public bool IsLow(string sku, int threshold)
            {
                var level = _stock.GetValueOrDefault(sku);
                return level < threshold && level > 0;
            }

            public string Describe(int count)
            {
                var label = count > 1 ? "items" : "item";
                return _owner + ": " + count + " " + label;
            }
        }
        """;
}
