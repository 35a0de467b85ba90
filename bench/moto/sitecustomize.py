"""For `bench/run.sh reports` only (on PYTHONPATH of the moto it starts, via bench/run.sh).

moto 5.2.1 answers a Query on the base table by listing and sorting EVERY item of the table, then
keeping those of the asked partition (moto/dynamodb/models/table.py, Table.query): each Query costs
O(items in the table), so any report, however few items it reads, slows down as complaints are added.
DynamoDB finds a partition by its key (hash) and reads only its items. With
HAPPSERVE_MOTO_PARTITION_QUERY=1 this makes moto do the same for base-table Queries: moto's own
query code runs unchanged, but over the asked partition's items only (same results, same order,
same paging). Index (GSI) queries are left as they are. The launcher (local/moto/launcher.py)
serialises every DynamoDB read and write under one lock, so no Scan can see the temporary
per-call override below."""
import os

if os.environ.get("HAPPSERVE_MOTO_PARTITION_QUERY") == "1":
    from moto.dynamodb.models import table as _table

    _original = _table.Table.query

    def _query(self, hash_key, *args, **kwargs):
        index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
        if index_name or hash_key is None or not self.range_key_attr:
            return _original(self, hash_key, *args, **kwargs)
        partition = list(self.items[hash_key].values()) if hash_key in self.items else []
        self.all_items = lambda: partition  # shadows the method for this call only
        try:
            return _original(self, hash_key, *args, **kwargs)
        finally:
            del self.all_items

    _table.Table.query = _query
    print("bench/moto/sitecustomize: base-table Query reads only the asked partition", flush=True)
