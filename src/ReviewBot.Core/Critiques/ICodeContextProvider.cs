using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Critiques;

/// <summary>
/// A piece of code around a change that helps a reader understand it, e.g. the C# member that encloses a hunk.
/// </summary>
/// <param name="Path">The file, as the diff names it.</param>
/// <param name="StartLine">First new-side line of <paramref name="Text"/> (1-based).</param>
/// <param name="EndLine">Last new-side line of <paramref name="Text"/> (inclusive).</param>
/// <param name="Label">What the snippet is, e.g. <c>method Foo.Bar(int)</c>.</param>
/// <param name="Text">The code itself, exactly as it stands at the head of the change.</param>
public sealed record CodeContextSnippet(string Path, int StartLine, int EndLine, string Label, string Text);

/// <summary>
/// Supplies context for a change beyond the diff's own lines (enclosing members, semantic facts). Language models
/// see it in the prompt; the offline critic does not need it.
/// </summary>
public interface ICodeContextProvider
{
    /// <summary>Snippets for the changed files of <paramref name="context"/>, at most <paramref name="maxCharacters"/> in all.</summary>
    Task<IReadOnlyList<CodeContextSnippet>> GetSnippetsAsync(ChangeContext context, int maxCharacters, CancellationToken cancellationToken);
}
