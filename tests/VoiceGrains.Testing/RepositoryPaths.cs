namespace VoiceGrains.Testing;

/// <summary>Where the repository and its build outputs are, found from the test's own output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    /// <summary>The build output folder of a project under src/ (or tests/, for test hosts), in the tests' configuration.</summary>
    public static string ProjectOutput(string project)
    {
        // tests/<Project>/bin/<Configuration>/<tfm>/ → src/<project>/bin/<Configuration>/<tfm>/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var parent = project == "AppHost" ? Root
            : Directory.Exists(Path.Combine(Root, "src", project)) ? Path.Combine(Root, "src")
            : Path.Combine(Root, "tests");
        var folder = Path.Combine(parent, project, "bin", configuration.Name, tfm.Name);
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
