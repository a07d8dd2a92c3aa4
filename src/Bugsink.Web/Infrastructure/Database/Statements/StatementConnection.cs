using System.Data.Common;

namespace Bugsink.Web.Infrastructure.Database.Statements;

// One open connection of either engine, handing out prepared statements that run in its current
// transaction. SQL written for it quotes identifiers ("Issues"."ProjectId": EF created them quoted and
// mixed-case on PostgreSQL, SQLite takes the quotes too) and uses TRUE/FALSE for booleans.
public abstract class StatementConnection : IDisposable
{
    public abstract DbConnection Connection { get; }

    // The transaction BeginTransaction opened, until it ends; readers are enlisted in it.
    public DbTransaction? Transaction { get; private set; }

    public abstract IStatement Prepare(string sql, int parameterCount);

    public DbTransaction BeginTransaction()
    {
        Transaction = Connection.BeginTransaction();
        return new TrackedTransaction(this, Transaction);
    }

    // A one-off command (DDL, a rare query); parameters are named @name on both engines.
    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    public virtual void Dispose()
    {
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Ended(DbTransaction transaction)
    {
        if (ReferenceEquals(Transaction, transaction))
        {
            Transaction = null;
        }
    }

    // Forgets the transaction once it is committed, rolled back or disposed.
    private sealed class TrackedTransaction(StatementConnection owner, DbTransaction inner) : DbTransaction
    {
        public override System.Data.IsolationLevel IsolationLevel => inner.IsolationLevel;

        protected override DbConnection? DbConnection => inner.Connection;

        public override void Commit()
        {
            inner.Commit();
            owner.Ended(inner);
        }

        public override void Rollback()
        {
            inner.Rollback();
            owner.Ended(inner);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Ended(inner);
            }

            base.Dispose(disposing);
        }
    }
}
