using VoiceGrains.Data.Knowledge;

namespace VoiceGrains.Data.Tests;

public sealed class KnowledgeTextTests
{
    [Fact]
    public void MarkdownBecomesPassagesUnderTheirHeadingsWithoutMarkup()
    {
        var (title, passages) = KnowledgeText.Parse("""
            # Returns

            Intro paragraph that runs
            over two lines. Second sentence here.

            ## Refunds

            - **Cards**: refunds take [5 to 7 days](https://example.com/refunds).
              - Gift cards are *instant*
            - PayPal too

            Q: Is there a fee?

            A: No. Returns are free.
            """);

        Assert.Equal("Returns", title);
        Assert.Equal(
            [
                new KnowledgePassage("", ["Intro paragraph that runs over two lines.", "Second sentence here."]),
                new KnowledgePassage("Refunds", ["Cards: refunds take 5 to 7 days.", "Gift cards are instant."]),
                new KnowledgePassage("Refunds", ["PayPal too."]),
                // "No." followed by a capital is not cut: the splitter reads it as "No. 5" (number).
                new KnowledgePassage("Is there a fee?", ["No. Returns are free."]),
            ],
            passages,
            new PassageComparer());
    }

    [Fact]
    public void ALongParagraphIsCutIntoPassagesOfAFewSentences()
    {
        var text = string.Join(' ', Enumerable.Range(1, 14).Select(i => $"Sentence {i} is here."));

        var (_, passages) = KnowledgeText.Parse(text);

        Assert.Equal([6, 6, 2], passages.Select(p => p.Sentences.Count));
    }

    sealed class PassageComparer : IEqualityComparer<KnowledgePassage>
    {
        public bool Equals(KnowledgePassage? x, KnowledgePassage? y) => x!.Heading == y!.Heading && x.Sentences.SequenceEqual(y.Sentences);

        public int GetHashCode(KnowledgePassage obj) => obj.Heading.GetHashCode(StringComparison.Ordinal);
    }
}
