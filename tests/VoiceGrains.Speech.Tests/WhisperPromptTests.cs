using VoiceGrains.Speech.Stt;

namespace VoiceGrains.Speech.Tests;

public sealed class WhisperPromptTests
{
    [Fact]
    public void NamesBecomeOnePromptInTheirOrderWithoutRepeats()
    {
        Assert.Equal("Northwind Home Goods, Carla Singh, Wool area rug.",
            WhisperPrompt.FromNames(["Northwind Home Goods", " Carla Singh ", "", "Wool area rug", "carla singh"]));
    }

    [Fact]
    public void ALongListIsCutToWhatWhisperReads()
    {
        var prompt = WhisperPrompt.FromNames(Enumerable.Range(0, 500).Select(i => $"Product number {i}"));

        Assert.True(prompt.Length <= WhisperPrompt.MaxCharacters);
        Assert.StartsWith("Product number 0, Product number 1,", prompt, StringComparison.Ordinal);
        Assert.EndsWith(".", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void NoNamesGiveNoPrompt()
    {
        Assert.Equal("", WhisperPrompt.FromNames([]));
    }

    [Fact]
    public void WhisperIsPromptedWithTheBusinessNamesUnlessAPromptIsConfigured()
    {
        string[] names = ["Northwind Home Goods", "Rug cleaning", "Carla Singh"];

        Assert.Equal("Northwind Home Goods, Rug cleaning, Carla Singh.", new WhisperOptions().PromptedWith(names).Prompt);
        Assert.Equal("Fabrikam.", new WhisperOptions { Prompt = "Fabrikam." }.PromptedWith(names).Prompt);
    }
}
