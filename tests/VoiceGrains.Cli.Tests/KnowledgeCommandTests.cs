namespace VoiceGrains.Cli.Tests;

/// <summary><c>voicegrains kb import|ask</c> as an operator runs them, over a real database.</summary>
public sealed class KnowledgeCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("voicegrains-kb-");

    static Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] arguments) =>
        VoiceGrainsCommand.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__voicegrains"] = connectionString }, TimeSpan.FromSeconds(60), arguments);

    [Fact]
    public async Task AReimportReplacesChangedDocumentsKeepsTheRestAndRemovesTheGoneOnes()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();
        Write("returns.md", "# Returns\n\n## Window\n\nYou can return an item within 30 days of delivery.\n");
        Write("faq/pets.md", "Q: Can I bring my dog into the store?\nA: Yes, dogs on a leash are welcome.\n");
        Write("synonyms.txt", "# ours\ndog, puppy, pet\n");

        var first = await RunAsync(dataSource.ConnectionString, "kb", "import", folder.FullName);
        var puppy = await RunAsync(dataSource.ConnectionString, "kb", "ask", "Can I bring my puppy in?");

        Write("returns.md", "# Returns\n\n## Window\n\nYou can return an item within 60 days of delivery.\n");
        File.Delete(Path.Combine(folder.FullName, "faq", "pets.md"));
        Write("warranty.txt", "Everything has a one-year warranty.\n");
        var second = await RunAsync(dataSource.ConnectionString, "kb", "import", folder.FullName);
        var window = await RunAsync(dataSource.ConnectionString, "kb", "ask", "How many days do I have to return an item?");

        Assert.Equal(0, first.ExitCode);
        // The demo business's seeded documents give way to the folder's (its returns.md by name).
        Assert.Contains("added     faq/pets.md", first.Output, StringComparison.Ordinal);
        Assert.Contains("replaced  returns.md", first.Output, StringComparison.Ordinal);
        Assert.Contains("removed   faq.md", first.Output, StringComparison.Ordinal);
        Assert.Contains("Answer: Yes, dogs on a leash are welcome.", puppy.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("added     warranty.txt", second.Output, StringComparison.Ordinal);
        Assert.Contains("replaced  returns.md", second.Output, StringComparison.Ordinal);
        Assert.Contains("removed   faq/pets.md", second.Output, StringComparison.Ordinal);
        Assert.Contains("60 days", window.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("30 days", window.Output, StringComparison.Ordinal);
        Assert.Equal(2, await dataSource.ScalarAsync<long>("SELECT count(*) FROM knowledge_documents"));
    }

    [Fact]
    public async Task AFolderThatCannotBeImportedSaysWhyAndChangesNothing()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();
        var before = await dataSource.ScalarAsync<long>("SELECT count(*) FROM knowledge_passages");
        Write("synonyms.txt", "bag, luggage\nsuitcase\n");
        Write("policy.md", "Bags fly free.\n");

        var badSynonyms = await RunAsync(dataSource.ConnectionString, "kb", "import", folder.FullName);
        var missing = await RunAsync(dataSource.ConnectionString, "kb", "import", Path.Combine(folder.FullName, "nowhere"));

        Assert.Equal(2, badSynonyms.ExitCode);
        Assert.Contains("synonyms.txt, line 2: a line lists two or more terms", badSynonyms.Output, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("There is no folder", missing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", badSynonyms.Output + missing.Output, StringComparison.Ordinal);
        Assert.Equal(before, await dataSource.ScalarAsync<long>("SELECT count(*) FROM knowledge_passages"));
    }

    void Write(string name, string text)
    {
        var path = Path.Combine(folder.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => folder.Delete(recursive: true);
}
