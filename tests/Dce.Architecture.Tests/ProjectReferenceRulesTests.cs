namespace Dce.Architecture.Tests;

/// <summary>The rules of the house, on the references each csproj declares.</summary>
public sealed class ProjectReferenceRulesTests
{
    [Fact]
    public void A_module_references_no_other_module()
    {
        var breaches = ProjectGraph.WithRole(ProjectRole.Module)
            .SelectMany(project => project.References
                .Select(ProjectGraph.Named)
                .Where(reference => reference.Role == ProjectRole.Module && reference.Module != project.Module)
                .Select(reference => $"{project.Name} -> {reference.Name}"));

        Assert.Empty(breaches);
    }

    [Fact]
    public void Shared_libraries_and_the_service_defaults_reference_no_module()
    {
        var breaches = ProjectGraph.All
            .Where(project => project.Role is ProjectRole.SharedLibrary or ProjectRole.ServiceDefaults)
            .SelectMany(project => project.References
                .Where(reference => ProjectGraph.Named(reference).Role is ProjectRole.Module or ProjectRole.AppHost)
                .Select(reference => $"{project.Name} -> {reference}"));

        Assert.Empty(breaches);
    }

    [Fact]
    public void The_service_defaults_know_no_platform_contract()
    {
        var defaults = ProjectGraph.Named("Dce.ServiceDefaults");

        Assert.DoesNotContain(defaults.References, reference => reference.Contains("Contracts", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_app_host_references_the_cluster_simulator()
    {
        var breaches = ProjectGraph.All
            .Where(project => project.Role != ProjectRole.AppHost && project.Module != "KubeSim")
            .Where(project => project.References.Contains("Dce.KubeSim"))
            .Select(project => project.Name);

        Assert.Empty(breaches);
    }

    [Fact]
    public void Every_referenced_project_is_a_production_project()
    {
        var unknown = ProjectGraph.All
            .SelectMany(project => project.References.Where(reference => ProjectGraph.All.All(known => known.Name != reference))
                .Select(reference => $"{project.Name} -> {reference}"));

        Assert.Empty(unknown);
    }
}
