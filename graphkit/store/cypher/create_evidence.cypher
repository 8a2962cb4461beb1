// Evidence of articles the transaction found not stored (so the evidence is new too), as parallel lists:
// $id, $seq and one list per evidence field (as the SQLite evidence rows; a null is a property not set). The
// node names its relationship and article by id (indexed): no MATCH and no edge a row.
// The property keys are written out, not SET e += map: a map SET makes the planner materialize every row first
// (an Eager operator) and costs a db hit a key.
UNWIND range(0, size($id) - 1) AS i
CREATE (:Evidence {id: $id[i], seq: $seq[i], relationship_id: $relationship_id[i], article_id: $article_id[i],
                   sentence: $sentence[i], sentence_start: $sentence_start[i], sentence_end: $sentence_end[i],
                   subject_text: $subject_text[i], subject_start: $subject_start[i], subject_end: $subject_end[i],
                   object_text: $object_text[i], object_start: $object_start[i], object_end: $object_end[i],
                   trigger: $trigger[i], trigger_start: $trigger_start[i], trigger_end: $trigger_end[i],
                   pattern: $pattern[i], hedged: $hedged[i], confidence: $confidence[i],
                   reported_by: $reported_by[i]})
