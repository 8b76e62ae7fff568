using System.Reflection;
using NetArchTest.Rules;

namespace Dce.Architecture.Tests;

/// <summary>The rules of the house, on the compiled types: a type cannot reach a module its project may not reference.</summary>
public sealed class TypeDependencyRulesTests
{
    public static TheoryData<string> Modules() => Names(ProjectRole.Module);

    public static TheoryData<string> Libraries() => Names(ProjectRole.SharedLibrary, ProjectRole.ServiceDefaults);

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_uses_no_type_of_another_module(string name)
    {
        var project = ProjectGraph.Named(name);
        var others = ModuleNamespaces().Where(other => !BelongsTo(other, project.Module!)).ToArray();

        AssertNoDependency(project, others);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_shared_library_uses_no_type_of_a_module(string name) =>
        AssertNoDependency(ProjectGraph.Named(name), ModuleNamespaces().ToArray());

    [Fact]
    public void The_architecture_tests_read_every_production_project()
    {
        var unreadable = ProjectGraph.All.Where(project => project.Role != ProjectRole.AppHost)
            .Where(project => Load(project) is null)
            .Select(project => project.Name);

        Assert.Empty(unreadable);
    }

    private static void AssertNoDependency(ProjectNode project, string[] forbidden)
    {
        var assembly = Load(project) ?? throw new InvalidOperationException($"{project.Name} is not referenced by the architecture tests.");
        var breaches = forbidden
            .Select(target => (Target: target, Result: Types.InAssembly(assembly).ShouldNot().HaveDependencyOn(target).GetResult()))
            .Where(check => !check.Result.IsSuccessful)
            .SelectMany(check => (check.Result.FailingTypeNames ?? []).Select(type => $"{type} uses {check.Target}"));

        Assert.Empty(breaches);
    }

    private static IEnumerable<string> ModuleNamespaces() =>
        ProjectGraph.WithRole(ProjectRole.Module).Select(project => project.RootNamespace);

    /// <summary>A module's own projects share its name: <c>Dce.ContainerManagement.Kubernetes</c> belongs to ContainerManagement.</summary>
    private static bool BelongsTo(string moduleNamespace, string module) => moduleNamespace.Split('.')[1] == module;

    private static Assembly? Load(ProjectNode project)
    {
        try
        {
            return Assembly.Load(new AssemblyName(project.Name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static TheoryData<string> Names(params ProjectRole[] roles)
    {
        var data = new TheoryData<string>();
        foreach (var project in ProjectGraph.All.Where(project => roles.Contains(project.Role)))
        {
            data.Add(project.Name);
        }

        return data;
    }
}
