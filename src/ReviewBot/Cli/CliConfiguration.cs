namespace ReviewBot.Cli;

/// <summary>
/// Configuration for commands other than <c>serve</c>: the same sources as the server (appsettings.json beside the
/// binary, then environment variables such as <c>Ranking__LengthModifier</c>), then the command's own options.
/// </summary>
internal static class CliConfiguration
{
    public static IConfiguration Build(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    /// <summary>The pipeline's services on their own, for one-shot commands.</summary>
    public static ServiceProvider BuildPipelineServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddReviewBotPipeline(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
