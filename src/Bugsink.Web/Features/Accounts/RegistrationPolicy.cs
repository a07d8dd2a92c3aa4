namespace Bugsink.Web.Features.Accounts;

// Who may create an account without an administrator doing it for them.
public enum RegistrationPolicy
{
    // Only administrators create accounts (the CLI, BUGSINK_ADMIN or the users page); invitations
    // work only for addresses that already have an account.
    Nobody = 0,

    // An invitation to a team is also an invitation to create an account.
    InvitedOnly = 1,

    // The login page links to a registration form open to everyone who can reach the server.
    Anybody = 2,
}
