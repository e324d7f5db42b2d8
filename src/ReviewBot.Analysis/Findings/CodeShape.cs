using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ReviewBot.Analysis.Findings;

/// <summary>
/// Code with every identifier replaced by one placeholder: what a line still looks like after a rename. Lets a finding
/// on a line whose only change was a renamed local or member count as one that existed at base.
/// </summary>
internal static class CodeShape
{
    public static string Of(string code) =>
        string.Join(' ', SyntaxFactory.ParseTokens(code)
            .Where(static t => !t.IsKind(SyntaxKind.EndOfFileToken))
            .Select(static t => t.IsKind(SyntaxKind.IdentifierToken) ? "·" : t.Text));
}
