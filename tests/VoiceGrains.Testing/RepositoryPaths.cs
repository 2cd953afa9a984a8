namespace VoiceGrains.Testing;

/// <summary>Where the repository and its build outputs are, found from the test's own output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    /// <summary>The build output folder of a project under src/ (same configuration as the tests).</summary>
    public static string ProjectOutput(string project)
    {
        // tests/<Project>/bin/<Configuration>/<tfm>/ → src/<project>/bin/<Configuration>/<tfm>/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var folder = project == "AppHost"
            ? Path.Combine(Root, "AppHost", "bin", configuration.Name, tfm.Name)
            : Path.Combine(Root, "src", project, "bin", configuration.Name, tfm.Name);
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"{project} is not built at {folder}; build the solution first (scripts/test.sh does).");
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VoiceGrains.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("VoiceGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
