namespace Dce.AppHost.Tests.Publishing;

/// <summary>Paths of the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root => Dce.Testing.RepositoryRoot.Path;

    public static string Manifests => Path.Combine(Root, "manifests");
}
