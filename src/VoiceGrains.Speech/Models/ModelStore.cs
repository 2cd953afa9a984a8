namespace VoiceGrains.Speech.Models;

/// <summary>
/// The folder installed models live in. Default: models/cache beside the models.json of the checkout the
/// program runs from, else the user's data folder; "Models:Directory" (VOICEGRAINS_MODELS_DIR) overrides it.
/// </summary>
public sealed class ModelStore(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public static ModelStore Default(string? configured = null)
    {
        var chosen = configured ?? Environment.GetEnvironmentVariable("VOICEGRAINS_MODELS_DIR");
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return new ModelStore(chosen);
        }
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "models", "models.json")))
                {
                    return new ModelStore(Path.Combine(dir.FullName, "models", "cache"));
                }
            }
        }
        return new ModelStore(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "voicegrains", "models"));
    }

    public string PathOf(ModelEntry model) => Path.Combine(Directory, model.File);

    public bool IsInstalled(ModelEntry model) => File.Exists(PathOf(model)) && new FileInfo(PathOf(model)).Length == model.Bytes;

    /// <summary>The installed file's path, or <see cref="ModelNotInstalledException"/>.</summary>
    public string Require(ModelEntry model) =>
        IsInstalled(model) ? PathOf(model) : throw new ModelNotInstalledException(model, Directory);

    /// <summary>Hashes the installed file; throws <see cref="ModelVerificationException"/> naming both hashes on a mismatch.</summary>
    public async Task VerifyAsync(ModelEntry model, CancellationToken cancellationToken)
    {
        var path = Require(model);
        await using var file = File.OpenRead(path);
        using var hash = ModelFetcher.PinHash(model);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        ModelFetcher.CheckHash(model, path, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
