namespace Dce.GlobalManagement.Model;

public sealed record CreateUserRequest(string? Name, string? Password, string? Email, string? Description, bool? Enabled);

public sealed record UpdateUserRequest(string? Email, string? Description, bool? Enabled);

public sealed record SetPasswordRequest(string? Password);

public sealed record UpdateRolesRequest(IReadOnlyList<string>? Roles);

public sealed record UserView(Guid Id, string Name, string? Email, string? Description, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? LastLoginAt)
{
    public static UserView Of(User user) =>
        new(user.Id, user.Name, user.Email, user.Description, user.Enabled, user.CreatedAt, user.UpdatedAt, user.LastLoginAt);
}

public sealed record CreateGroupRequest(string? Name, string? Description);

public sealed record UpdateGroupRequest(string? Description);

public sealed record GroupView(Guid Id, string Name, string? Description, int MemberCount, DateTimeOffset CreatedAt);
