namespace ReviewBot.GitHub.Rest;

/// <summary>An <c>owner/name</c> pair, checked so it can go into a URL path as is.</summary>
public readonly record struct RepositoryName(string Owner, string Name)
{
    public static RepositoryName Parse(string fullName)
    {
        if (!TryParse(fullName, out var name))
        {
            throw new ArgumentException($"'{fullName}' is not an owner/name repository.", nameof(fullName));
        }

        return name;
    }

    public static bool TryParse(string? fullName, out RepositoryName name)
    {
        name = default;
        var parts = (fullName ?? "").Split('/');
        if (parts.Length != 2 || !IsValidPart(parts[0]) || !IsValidPart(parts[1]))
        {
            return false;
        }

        name = new RepositoryName(parts[0], parts[1]);
        return true;
    }

    /// <summary>URL path prefix <c>repos/owner/name</c>.</summary>
    public string Path => $"repos/{Owner}/{Name}";

    public override string ToString() => $"{Owner}/{Name}";

    private static bool IsValidPart(string part) =>
        part.Length is > 0 and <= 100 && part is not ("." or "..") && part.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
