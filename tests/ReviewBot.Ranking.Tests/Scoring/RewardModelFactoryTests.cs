using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Core.Ranking;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Ranking.Tests.Scoring;

public sealed class RewardModelFactoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reviewbot-factory-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Create_ConfiguredPath_ReloadableOnnxModel()
    {
        var path = Write("configured.onnx", TestModels.Linear(1));

        using var model = Assert.IsType<ReloadableRewardModel>(RewardModelFactory.Create(path, NullLoggerFactory.Instance, defaultPath: Missing()));

        Assert.StartsWith("onnx:", model.Version, StringComparison.Ordinal);
        Assert.Equal(path, model.FilePath);
    }

    [Fact]
    public void Create_ConfiguredPathThatDoesNotLoad_ThrowsNamingTheSetting()
    {
        var path = Write("broken.onnx", [1, 2, 3, 4]);

        var ex = Assert.Throws<InvalidOperationException>(() => RewardModelFactory.Create(path, NullLoggerFactory.Instance));

        Assert.Contains("Ranking:ModelPath", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoPathAndShippedModel_UsesShippedModel()
    {
        var shipped = Write(RewardModelFactory.DefaultModelFileName, TestModels.Linear(2));

        using var model = Assert.IsType<ReloadableRewardModel>(RewardModelFactory.Create(null, NullLoggerFactory.Instance, defaultPath: shipped));

        Assert.Equal(shipped, model.FilePath);
    }

    [Fact]
    public void Create_NoPathAndBrokenShippedModel_FallsBackToHeuristic()
    {
        var shipped = Write(RewardModelFactory.DefaultModelFileName, [9, 9, 9]);

        Assert.IsType<HeuristicRewardModel>(RewardModelFactory.Create("", NullLoggerFactory.Instance, defaultPath: shipped));
    }

    [Fact]
    public void Create_NothingConfiguredOrShipped_Heuristic()
    {
        Assert.IsType<HeuristicRewardModel>(RewardModelFactory.Create(null, NullLoggerFactory.Instance, defaultPath: Missing()));
    }

    [Fact]
    public void AddReviewBotRanking_ModelPathConfigured_ReplacesEarlierRegistration()
    {
        var path = Write("di.onnx", TestModels.Linear(3));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ranking:ModelPath"] = path }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IRewardModel, HeuristicRewardModel>();

        services.AddReviewBotRanking(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var model = Assert.IsType<ReloadableRewardModel>(provider.GetRequiredService<IRewardModel>());
        Assert.Single(services, static d => d.ServiceType == typeof(IRewardModel));
        Assert.Equal(path, model.FilePath);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Missing() => Path.Combine(_directory, "none", RewardModelFactory.DefaultModelFileName);
}
