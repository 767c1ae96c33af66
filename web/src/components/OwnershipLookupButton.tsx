import { GlobalOutlined } from '@ant-design/icons';
import { Button, Input, Popover } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Header shortcut to "who owns this?": type a value, land on the lookup page with the answer. */
export function OwnershipLookupButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const go = (value: string) => {
    if (!value.trim()) return;
    setOpen(false);
    setText('');
    navigate(`/registry/ownership?value=${encodeURIComponent(value.trim())}`);
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      content={
        <Input.Search
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={go}
          placeholder={t('networks.lookup.placeholder')}
          aria-label={t('networks.lookup.title')}
          style={{ width: 320 }}
          data-testid="header-ownership-input"
        />
      }
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('networks.lookup.title')}
        title={t('networks.lookup.title')}
        data-testid="header-ownership"
      />
    </Popover>
  );
}
