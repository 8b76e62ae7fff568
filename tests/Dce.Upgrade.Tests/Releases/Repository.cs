namespace Dce.Upgrade.Tests.Releases;

/// <summary>Paths of the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root => Dce.Testing.RepositoryRoot.Path;
}
