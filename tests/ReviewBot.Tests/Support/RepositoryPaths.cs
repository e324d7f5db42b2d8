namespace ReviewBot.Tests.Support;

/// <summary>Finds files of the repository from a test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Webhooks => Path.Combine(Root, "webhooks");

    public static string SamplePatch => Path.Combine(Root, "src", "ReviewBot", "Samples", "sample.patch");

    public static string Payload(string relative) => Path.Combine(Webhooks, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReviewBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ReviewBot.sln not found above " + AppContext.BaseDirectory);
    }
}
