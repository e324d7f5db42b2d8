using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Analysis.Changes;
using ReviewBot.Analysis.Findings;

namespace ReviewBot.Analysis.Rules;

/// <summary>One file (head or base side) as a rule sees it, and where its findings go.</summary>
internal sealed class RuleContext(ChangedFile file, SyntaxTree tree, SemanticModel model, bool atBase, CancellationToken cancellationToken)
{
    private readonly List<Finding> _findings = [];

    public ChangedFile File => file;

    public SyntaxNode Root { get; } = tree.GetRoot(cancellationToken);

    public SemanticModel Model => model;

    public CancellationToken CancellationToken => cancellationToken;

    public IReadOnlyList<Finding> Findings => _findings;

    private FileVersion Version => atBase ? file.Base! : file.Head;

    /// <summary>
    /// Reports a finding on the lines of <paramref name="span"/>. <paramref name="edit"/>, when given, is a mechanical
    /// fix inside those lines; it becomes the highlight's suggestion (the lines with the edit applied).
    /// </summary>
    public void Report(RuleInfo rule, TextSpan span, string comment, double? confidence = null, TextChange? edit = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!TrustGate.Allows(Version, Root, span, FindingScope.Member))
        {
            return;
        }

        var text = Version.Source;
        var first = text.Lines.GetLineFromPosition(span.Start);
        var last = text.Lines.GetLineFromPosition(Math.Max(span.Start, span.End - (span.Length > 0 ? 1 : 0)));
        string? suggestion = null;
        if (edit is { } change && change.Span.Start >= first.Start && change.Span.End <= last.End)
        {
            var lines = text.GetSubText(TextSpan.FromBounds(first.Start, last.End)).ToString();
            var offset = change.Span.Start - first.Start;
            suggestion = string.Concat(lines.AsSpan(0, offset), change.NewText, lines.AsSpan(offset + change.Span.Length)).ReplaceLineEndings("\n");
        }

        _findings.Add(new Finding
        {
            File = file,
            FirstLine = first.LineNumber,
            LastLine = last.LineNumber,
            RuleId = rule.Id,
            Kind = rule.Kind,
            Confidence = confidence ?? rule.Confidence,
            Comment = comment,
            Suggestion = suggestion,
            AtBase = atBase,
        });
    }

    public void Report(RuleInfo rule, SyntaxNode node, string comment, double? confidence = null, TextChange? edit = null) =>
        Report(rule, node.Span, comment, confidence, edit);

    public void Report(RuleInfo rule, SyntaxToken token, string comment, double? confidence = null, TextChange? edit = null) =>
        Report(rule, token.Span, comment, confidence, edit);
}
