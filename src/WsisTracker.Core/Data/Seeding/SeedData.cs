namespace WsisTracker.Core.Data.Seeding;

/// <summary>
/// Reads the reference files shipped inside this assembly (copied from the UN texts and the
/// action-line reference), so that neither the app nor its tests read anything outside the project.
/// </summary>
public static class SeedData
{
    private const string Prefix = "WsisTracker.Seeding.";

    public static string ReadText(string fileName)
    {
        using var stream = Open(fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Stream Open(string fileName) =>
        typeof(SeedData).Assembly.GetManifestResourceStream(Prefix + fileName)
        ?? throw new InvalidOperationException($"Seed file '{fileName}' is not embedded in {typeof(SeedData).Assembly.GetName().Name}.");

    public static IReadOnlyList<string> FileNames =>
        typeof(SeedData).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(name => name[Prefix.Length..])
            .ToList();
}
