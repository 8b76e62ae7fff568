using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services.Access;

namespace Dce.GlobalManagement.Tests;

/// <summary>What a grantor holds is compared with what a role grants exactly, wildcards and exclusions included.</summary>
[Trait("Category", "Security")]
public sealed class PermissionCoverageTests
{
    [Theory]
    [InlineData("*:*:*", "*:*:*", true)]
    [InlineData("*:*:*", "kpanda:secret-values:get", true)]
    [InlineData("ghippo:users:*", "*:*:*", false)]
    [InlineData("ghippo:users:*", "ghippo:users:get", true)]
    [InlineData("ghippo:users:*", "ghippo:*:get", false)]
    [InlineData("kpanda:*:*", "kpanda:deployments:delete", true)]
    [InlineData("kpanda:*:*", "*:deployments:delete", false)]
    [InlineData("*:*:get", "*:*:*", false)]
    [InlineData("*:*:get", "kpanda:pods:get", true)]
    [InlineData("KPANDA:Pods:GET", "kpanda:pods:get", true)]
    public void A_single_permission_covers_what_it_matches_everywhere(string held, string granted, bool covered)
    {
        Assert.Equal(covered, PermissionCoverage.Uncovered([RoleOf(held)], RoleOf(granted)).Count == 0);
    }

    [Fact]
    public void Several_held_roles_together_cover_a_role_none_covers_alone()
    {
        var held = new[] { RoleOf("kpanda:deployments:*"), RoleOf("kpanda:pods:get") };

        Assert.Empty(PermissionCoverage.Uncovered(held, RoleOf("kpanda:deployments:get", "kpanda:pods:get")));
        Assert.Equal([new Permission("kpanda", "pods", "delete")], PermissionCoverage.Uncovered(held, RoleOf("kpanda:deployments:get", "kpanda:pods:delete")));
    }

    [Fact]
    public void Exclusions_of_the_held_role_are_not_held_and_exclusions_of_the_granted_role_are_not_granted()
    {
        var viewer = RoleOf("*:*:get");
        viewer.Exclusions = [Parse("kpanda:secret-values:*")];
        var everything = RoleOf("*:*:get");

        Assert.NotEmpty(PermissionCoverage.Uncovered([viewer], everything));
        Assert.Empty(PermissionCoverage.Uncovered([everything], viewer));
        Assert.Empty(PermissionCoverage.Uncovered([viewer], viewer));
        Assert.NotEmpty(PermissionCoverage.Uncovered([viewer], RoleOf("kpanda:*:get")));
        Assert.Empty(PermissionCoverage.Uncovered([viewer], RoleOf("kpanda:secrets:get")));
    }

    [Fact]
    public void Nothing_held_covers_nothing_but_an_empty_role()
    {
        Assert.NotEmpty(PermissionCoverage.Uncovered([], RoleOf("ghippo:users:get")));
        Assert.Empty(PermissionCoverage.Uncovered([], new Role { Name = "empty" }));
    }

    private static Role RoleOf(params string[] permissions) => new() { Name = "r", Permissions = [.. permissions.Select(Parse)] };

    private static Permission Parse(string text) => text.Split(':') is [var module, var resourceType, var action]
        ? new Permission(module, resourceType, action)
        : throw new ArgumentException(text);
}
