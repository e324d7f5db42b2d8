using ReviewBot.Data.Feedback.Labels;

namespace ReviewBot.Data.Tests.Feedback.Labels;

public sealed class ReplySentimentTests
{
    [Theory]
    [InlineData("Good catch, thanks!", Sentiment.Agrees)]
    [InlineData("Fixed in the next commit.", Sentiment.Agrees)]
    [InlineData("You're right.", Sentiment.Agrees)]
    [InlineData("This is wrong: Count is never zero here.", Sentiment.Disagrees)]
    [InlineData("Thanks, but this is a false positive", Sentiment.Disagrees)]
    [InlineData("Not a bug, it's by design.", Sentiment.Disagrees)]
    [InlineData("the bot is wrong about the null check", Sentiment.Disagrees)]
    [InlineData("This is not wrong, fixed it", Sentiment.Agrees)]
    [InlineData("> this is wrong\nagreed, will fix", Sentiment.Agrees)]
    [InlineData("Could you explain?", Sentiment.Neutral)]
    [InlineData("", Sentiment.Neutral)]
    [InlineData("wrongly named variable, done", Sentiment.Agrees)]
    public void Classify_Reply_ReadsAgreementOrDisagreement(string text, Sentiment expected) => Assert.Equal(expected, ReplySentiment.Classify(text));
}
