namespace ReviewBot.Core.Tests.Diffs;

/// <summary>Real patches made with git (see the file names) and copied into TestData byte for byte.</summary>
internal static class TestPatches
{
    public static readonly string[] All =
    [
        "git-mixed.patch", "git-binary.patch", "format-patch.patch", "git-u0.patch", "no-prefix.patch", "plain-diff-u.patch", "csharp-format-patch.patch",
    ];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Diffs", "TestData", name));
}
