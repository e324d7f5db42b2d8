using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Onnx;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Cli.Bench;

/// <summary>
/// <c>reviewbot bench rm</c>: critiques scored per second by the ONNX reward model (linear and MLP, F = 512) for
/// batch sizes 1, 32 and 256 on one thread, and how the time splits between the binding (feature extraction, tensor
/// creation, marshalling) and ONNX Runtime's <c>Run</c>. Models and critiques are synthetic and seeded.
/// </summary>
internal static class RewardModelBenchmark
{
    private static readonly int[] BatchSizes = [1, 32, 256];

    public static Command CreateCommand()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per configuration (default 2).", DefaultValueFactory = _ => 2.0 };
        var command = new Command("rm", "Critiques scored per second by the ONNX reward model, by batch size, on one thread.") { seconds };
        command.SetAction(parse => Run(parse.GetValue(seconds), Console.Out));
        return command;
    }

    public static int Run(double seconds, TextWriter output)
    {
        var context = new ChangeContext { Diff = UnifiedDiffParser.Parse(SyntheticDiff()).GetDiffOrThrow() };
        var critiques = SyntheticCritiques(context.Diff, 256, new Random(1));
        var random = new Random(2);
        const int f = CritiqueFeatureExtractor.Dimension;
        const int hidden = 32;
        var metadata = RewardModelContract.SchemaMetadata(CritiqueFeatureExtractor.Schema).ToList();
        var models = new (string Name, byte[] Bytes)[]
        {
            ("linear", OnnxModelWriter.WriteLinear(Floats(random, f), 0, metadata)),
            ($"mlp (hidden {hidden})", OnnxModelWriter.WriteMlp(Floats(random, f * hidden), Floats(random, hidden), Floats(random, hidden), 0, metadata)),
        };

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rm: ONNX Runtime {OnnxRuntime.Shared.Version}, {critiques.Average(static c => c.Count):0.0} highlights per critique, F = {f}, one thread"));
        output.WriteLine("  warm: highlights seen before with this diff (the search re-scores beams' highlights); cold: every highlight new.");
        output.WriteLine("  binding = feature extraction + tensor creation, marshalling and copying; the rest is ONNX Runtime's Run.");
        output.WriteLine("    model                batch   critiques/s   µs/call   in ORT Run   in binding = features + tensors/marshalling");
        foreach (var cold in new[] { false, true })
        {
            output.WriteLine(cold ? "  cold" : "  warm");
            foreach (var (name, bytes) in models)
            {
                using var model = OnnxRewardModel.Load(bytes, name).GetModelOrThrow();
                foreach (var batch in BatchSizes)
                {
                    var (perSecond, perCall, run, features) = Measure(model, context, critiques, batch, seconds, cold);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    {name,-20} {batch,5}   {perSecond,11:0}   {perCall.TotalMicroseconds,7:0.0}   {run,10:0.0%}   {1 - run,10:0.0%} = {features:0.0%} + {1 - run - features:0.0%}"));
                }
            }
        }

        return 0;
    }

    private static (double PerSecond, TimeSpan PerCall, double RunShare, double FeatureShare) Measure(
        OnnxRewardModel model, ChangeContext context, Critique[] critiques, int batch, double seconds, bool cold)
    {
        var scores = new double[batch];
        var timings = new OnnxRunTimings();
        var slices = Enumerable.Range(0, critiques.Length / batch).Select(i => (IReadOnlyList<Critique>)critiques.AsSpan(i * batch, batch).ToArray()).ToArray();

        // Warm up the JIT and ONNX Runtime's allocations outside the measurement.
        var warm = Stopwatch.StartNew();
        for (var i = 0; warm.Elapsed.TotalSeconds < Math.Min(0.3, seconds / 4); i++)
        {
            model.Score(context, slices[i % slices.Length], scores);
        }

        if (cold)
        {
            // Enough distinct copies (each comment made unique) that no call meets a highlight seen before.
            var copies = Math.Max(1, (int)(seconds * 20_000 / critiques.Length));
            var serial = 0;
            slices = [.. Enumerable.Range(0, copies).SelectMany(_ => slices.Select(slice => Distinct(slice, ref serial)))];
        }

        var calls = 0;
        var started = Stopwatch.GetTimestamp();
        long elapsed;
        do
        {
            for (var k = 0; k < 16 && (!cold || calls < slices.Length); k++)
            {
                model.Score(context, slices[calls % slices.Length], scores, timings);
                calls++;
            }

            elapsed = Stopwatch.GetTimestamp() - started;
        }
        while (cold ? calls < slices.Length : elapsed < seconds * Stopwatch.Frequency);

        var total = elapsed / (double)Stopwatch.Frequency;
        return (calls * batch / total, TimeSpan.FromSeconds(total / calls), timings.RunTicks / (double)elapsed, timings.FeatureTicks / (double)elapsed);
    }

    private static List<Critique> Distinct(IReadOnlyList<Critique> critiques, ref int serial)
    {
        var copies = new List<Critique>(critiques.Count);
        foreach (var critique in critiques)
        {
            var highlights = new Highlight[critique.Count];
            for (var i = 0; i < highlights.Length; i++)
            {
                var h = critique.Highlights[i];
                highlights[i] = h with { Comment = string.Create(CultureInfo.InvariantCulture, $"{h.Comment} ({serial++})") };
            }

            copies.Add(new Critique { Highlights = [.. highlights] });
        }

        return copies;
    }

    private static string SyntheticDiff()
    {
        var text = new StringBuilder();
        for (var file = 0; file < 3; file++)
        {
            text.Append(CultureInfo.InvariantCulture, $"diff --git a/src/Orders/Service{file}.cs b/src/Orders/Service{file}.cs\n--- a/src/Orders/Service{file}.cs\n+++ b/src/Orders/Service{file}.cs\n");
            foreach (var start in new[] { 10, 80 })
            {
                text.Append(CultureInfo.InvariantCulture, $"@@ -{start},4 +{start},24 @@ public sealed class Service{file}\n");
                text.Append("     {\n         var total = 0;\n");
                for (var line = 0; line < 20; line++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"+        total += order.Items[{line}].Price * quantity{line} / discount;\n");
                }

                text.Append("         return total;\n     }\n");
            }
        }

        return text.ToString();
    }

    private static Critique[] SyntheticCritiques(UnifiedDiff diff, int count, Random random)
    {
        var added = diff.Files.SelectMany(f => f.Hunks.SelectMany(h => h.Lines).Where(static l => l.Kind == DiffLineKind.Added).Select(l => (f.Path, Line: l))).ToArray();
        string[] comments =
        [
            "Division by zero when discount is 0; guard it or validate the input.",
            "Items may hold fewer elements than this index, which throws IndexOutOfRangeException.",
            "Consider extracting this repeated arithmetic into a helper; it might be clearer.",
            "The multiplication can overflow int for large quantities; use checked arithmetic or long.",
        ];
        return [.. Enumerable.Range(0, count).Select(_ => new Critique
        {
            Highlights = [.. Enumerable.Range(0, random.Next(0, 7)).Select(_ =>
            {
                var (path, line) = added[random.Next(added.Length)];
                return new Highlight
                {
                    Path = path,
                    StartLine = line.NewLine,
                    EndLine = line.NewLine,
                    Quote = line.Text.Trim(),
                    Comment = comments[random.Next(comments.Length)],
                    Kind = (FindingKind)random.Next(5),
                    Source = random.Next(2) == 0 ? HighlightSource.Llm : HighlightSource.Offline,
                    RuleId = random.Next(3) == 0 ? null : $"RB{random.Next(20):0000}",
                    Confidence = random.NextDouble(),
                    OnAddedLine = true,
                };
            })],
        })];
    }

    private static float[] Floats(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 0.2) - 0.1))];
}
