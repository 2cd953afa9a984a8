using VoiceGrains.Contracts.Text;

namespace VoiceGrains.Conversation.Tests;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void StreamedTextYieldsEachSentenceAsSoonAsItIsComplete()
    {
        var splitter = new SentenceSplitter();

        var first = splitter.Push("Your order shipped at 9:15 a.m. on Dr. Smith's ");
        var second = splitter.Push("account for $19.99. It should ");
        var third = splitter.Push("arrive Friday! Anything else?");
        var last = splitter.Complete();

        Assert.Empty(first);
        Assert.Equal(["Your order shipped at 9:15 a.m. on Dr. Smith's account for $19.99."], second);
        Assert.Equal(["It should arrive Friday!"], third);
        Assert.Equal(["Anything else?"], last);
    }
}
