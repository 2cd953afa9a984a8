using System.Text;
using VoiceGrains.Data.Knowledge;

namespace VoiceGrains.Data.Tests;

/// <summary>Files a business hands in that cannot be a knowledge base are refused with the file and the reason.</summary>
public sealed class KnowledgeFolderTests
{
    [Fact]
    public void ADocumentThatIsNotUtf8IsRefusedByName() =>
        Assert.Equal("policy.txt: it is not UTF-8 text.", Refused(("policy.txt", [0x52, 0xE9, 0x73, 0xFF, 0xFE])));

    [Fact]
    public void ADocumentWithNoTextIsRefusedByName() =>
        Assert.Equal("empty.md: it has no text to answer from.", Refused(("empty.md", Encoding.UTF8.GetBytes("# Only a title\n\n   \n"))));

    [Fact]
    public void ASynonymTermWithMarkupIsRefusedWithItsLine() =>
        Assert.Equal(
            "synonyms.txt, line 2: 'bag*' has characters a term cannot have (letters, digits, spaces, ' and - only).",
            Refused(("synonyms.txt", Encoding.UTF8.GetBytes("# groups\nbag*, luggage\n"))));

    [Fact]
    public void TheTitleIsTheFirstHeadingOrTheFileNameAndTheHashFollowsTheBytes()
    {
        var (documents, synonyms) = KnowledgeFolder.Parse(
        [
            ("store-pickup.md", Encoding.UTF8.GetBytes("Orders wait 14 days.\n")),
            ("faq/returns.md", Encoding.UTF8.GetBytes("\uFEFF# Returns\n\nFree returns.\n")),
            ("synonyms.txt", Encoding.UTF8.GetBytes("Bag,  LUGGAGE ,suitcase\n")),
        ]);

        Assert.Equal(["Store pickup", "Returns"], documents.Select(d => d.Title));
        Assert.Equal(64, documents[0].ContentSha256.Length);
        Assert.NotEqual(documents[0].ContentSha256, documents[1].ContentSha256);
        Assert.Equal(["bag", "luggage", "suitcase"], synonyms.Single());
    }

    static string Refused((string Name, byte[] Content) file) =>
        Assert.Throws<KnowledgeFormatException>(() => KnowledgeFolder.Parse([file])).Message;
}
