using System.Globalization;
using System.Text;
using ReviewBot.Core;
using ReviewBot.Data.Feedback;

namespace ReviewBot.Data.Export;

/// <summary>
/// The dataset card (<c>README.md</c>): a YAML header in the layout dataset hubs read (features per file, splits
/// with sizes, configs pointing at the files) plus ReviewBot's provenance, label rules and redaction summary, then
/// the same in prose.
/// </summary>
public static class DatasetCard
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Write(ExportSummary summary, FeedbackOptions rules)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(rules);
        var request = summary.Request;
        var format = ExportFormats.Name(request.Format);
        var y = new StringBuilder();
        y.Append("---\n");
        y.Append("license: other # placeholder: the code and comments come from the reviewed repositories; set the licence they allow\n");
        y.Append(C, $"pretty_name: {Q($"ReviewBot maintainer feedback ({format})")}\n");
        y.Append("language:\n  - en\n  - code\n");
        y.Append("tags:\n  - code-review\n  - rlhf\n  - preference\n  - reviewbot\n");
        y.Append("configs:\n  - config_name: default\n    data_files:\n");
        y.Append(C, $"      - split: train\n        path: {DatasetExporter.TrainFile}\n      - split: test\n        path: {DatasetExporter.TestFile}\n");
        y.Append("dataset_info:\n  features:\n");
        y.Append(Features(request.Format));
        y.Append("  splits:\n");
        y.Append(C, $"    - name: train\n      num_examples: {summary.TrainRows}\n    - name: test\n      num_examples: {summary.TestRows}\n");
        y.Append("reviewbot:\n");
        y.Append(C, $"  format: {format}\n");
        y.Append(C, $"  exported_at: {Q(summary.ExportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C))}\n");
        y.Append(C, $"  exported_by: {Q("ReviewBot " + ReviewBotVersion.Current)}\n");
        y.Append(C, $"  reviewbot_versions: {List(summary.ReviewBotVersions)}\n");
        y.Append(C, $"  reward_models: {List(summary.RewardModels)}\n");
        y.Append(C, $"  prompt_versions: {List(summary.PromptVersions)}\n");
        y.Append(C, $"  critics: {List(summary.Critics)}\n");
        y.Append(C, $"  split: {{by: pull_request, test_fraction: {request.TestFraction.ToString("R", C)}, seed: {request.Seed}, train_pull_requests: {summary.TrainPullRequests}, test_pull_requests: {summary.TestPullRequests}}}\n");
        y.Append(C, $"  filters: {{since: {Q(request.Since?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C) ?? "")}, repository: {Q(request.Repository ?? "")}, excluded_pull_requests: {summary.ExcludedPullRequests}}}\n");
        y.Append(C, $"  comments: {{read: {summary.CommentsRead}, without_stored_input: {summary.CommentsWithoutInput}, labels: {Map(summary.Labels)}}}\n");
        y.Append(C, $"  label_rules: {{association_weights: {Map(rules.AssociationWeights.OrderBy(static p => p.Key, StringComparer.Ordinal))}, other_weight: {N(rules.OtherWeight)}, code_changed_weight: {N(rules.CodeChangedWeight)}, resolved_weight: {N(rules.ResolvedWeight)}, label_margin: {N(rules.LabelMargin)}, pair_margin: {N(rules.PairMargin)}, max_pair_weight: {N(rules.MaxPairWeight)}}}\n");
        y.Append(C, $"  redaction: {{masked_in_output: {Map(summary.Redactions.Masked)}, found_at_export: {Map(summary.Redactions.FoundNow)}}}\n");
        y.Append(C, $"  data_fence: {Q("derived per review: hex(sha256(\"reviewbot dataset fence\\n\" + run_id + \"\\n0\"))[:32]")}\n");
        y.Append("---\n\n");
        y.Append(Prose(summary, format));
        return y.ToString();
    }

    private static string Prose(ExportSummary summary, string format)
    {
        var t = new StringBuilder();
        t.Append(C, $"# ReviewBot maintainer feedback ({format})\n\n");
        t.Append("Code review comments that ReviewBot posted on pull requests, labelled by what the maintainers did with them. ");
        t.Append(C, $"{summary.TrainRows} training and {summary.TestRows} test rows from {summary.TrainPullRequests + summary.TestPullRequests} pull requests; ");
        t.Append("every row of a pull request is in the same split (a seeded hash of `owner/name#number`).\n\n");
        t.Append("## Rows\n\n");
        t.Append("- **Prompt**: the critic's prompt for the review, rebuilt from the stored input (redacted diff, title, description, code context) with the review's prompt template version; ");
        t.Append("the system message holds the instructions, the user message the pull request's data and the request for one highlight. ");
        t.Append("A live review fences the data with a random marker per request; here the marker is derived from the review's run id, so exports are reproducible.\n");
        t.Append("- **Completion**: the exact critique text of one posted comment, as a one-highlight critique (a fenced quote with `path:lines`, a kind tag and the comment).\n");
        t.Append("- Pairs compare two comments of the same review (same prompt); KTO rows label single comments.\n\n");
        t.Append("## Labels\n\n");
        t.Append("Each person has one vote per comment, their latest: 👍 ❤️ 🚀 🎉 or an agreeing reply for, 👎 😕 or a disagreeing reply against, weighted by their `author_association`. ");
        t.Append("The flagged code changing at a later head adds to the score (acted on); a thread resolved by a person adds after a change and subtracts when resolved without a change over a negative vote (dismissed). ");
        t.Append("Bots never count. Positive and negative need a net score beyond the label margin; a comment with little feedback on a closed pull request is neutral (ignored). ");
        t.Append("Pairs: positive ≻ neutral ≻ negative, only when the scores differ by at least the pair margin; ties and conflicts are left out. The numbers are in the header.\n\n");
        t.Append("## Redaction\n\n");
        t.Append("Secrets (tokens, cloud keys, private keys, JWTs, passwords in connection strings and URLs, high-entropy values assigned to secret-like names) were masked as `[REDACTED:kind]` before the critic saw the change and again in everything written here. ");
        t.Append(C, $"Masks in this dataset, per kind: {Prose(summary.Redactions.Masked)}; newly found at export: {Prose(summary.Redactions.FoundNow)}.\n\n");
        t.Append("Repositories that opted out of training, or are excluded by `Export:ExcludedRepositories`, are not in the dataset.\n\n");
        t.Append("## Licence\n\n");
        t.Append("Placeholder: the code and comments belong to the reviewed repositories. Set a licence their owners allow before sharing this dataset.\n");
        return t.ToString();
    }

    private static string Features(ExportFormat format)
    {
        const string Messages = "    sequence:\n      - name: role\n        dtype: string\n      - name: content\n        dtype: string\n";
        return format switch
        {
            ExportFormat.TrlPreference => $"  - name: prompt\n{Messages}  - name: chosen\n{Messages}  - name: rejected\n{Messages}",
            ExportFormat.TrlKto => $"  - name: prompt\n{Messages}  - name: completion\n{Messages}  - name: label\n    dtype: bool\n",
            ExportFormat.OpenAiPreference =>
                "  - name: input\n    struct:\n      - name: messages\n        sequence:\n          - name: role\n            dtype: string\n          - name: content\n            dtype: string\n" +
                $"  - name: preferred_output\n{Messages}  - name: non_preferred_output\n{Messages}",
            _ => "  - name: id\n    dtype: string\n  - name: group\n    dtype: string\n  - name: source\n    dtype: string\n  - name: weight\n    dtype: float64\n  - name: diff\n    dtype: string\n" +
                 "  - name: chosen\n    struct:\n      - name: highlights\n        sequence:\n" + HighlightFields +
                 "  - name: rejected\n    struct:\n      - name: highlights\n        sequence:\n" + HighlightFields,
        };
    }

    private const string HighlightFields =
        "          - name: path\n            dtype: string\n          - name: startLine\n            dtype: int64\n          - name: endLine\n            dtype: int64\n" +
        "          - name: quote\n            dtype: string\n          - name: comment\n            dtype: string\n          - name: kind\n            dtype: string\n" +
        "          - name: source\n            dtype: string\n          - name: ruleId\n            dtype: string\n          - name: confidence\n            dtype: float64\n" +
        "          - name: onAddedLine\n            dtype: bool\n";

    private static string Q(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string N(double value) => value.ToString("R", C);

    private static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Q)) + "]";

    private static string Map<TValue>(IEnumerable<KeyValuePair<string, TValue>> values) =>
        "{" + string.Join(", ", values.Select(static p => $"{Q(p.Key)}: {Convert.ToString(p.Value, C)}")) + "}";

    private static string Prose(IEnumerable<KeyValuePair<string, long>> counts) =>
        counts.Any() ? string.Join(", ", counts.Select(static p => string.Create(C, $"{p.Key} {p.Value}"))) : "none";
}
