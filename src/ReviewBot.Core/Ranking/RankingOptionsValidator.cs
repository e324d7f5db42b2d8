using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Ranking;

/// <summary>Rules across fields of <see cref="RankingOptions"/>, all reported at once.</summary>
public sealed class RankingOptionsValidator : IValidateOptions<RankingOptions>
{
    public ValidateOptionsResult Validate(string? name, RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BeamWidth > options.SamplesPerRound)
        {
            failures.Add($"Ranking:BeamWidth ({options.BeamWidth}) cannot exceed Ranking:SamplesPerRound ({options.SamplesPerRound}): the beams are chosen among one round's samples.");
        }

        if (options.ModelPath is { Length: > 0 } path && !File.Exists(path))
        {
            failures.Add($"Ranking:ModelPath '{path}' does not exist.");
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures);
    }
}
